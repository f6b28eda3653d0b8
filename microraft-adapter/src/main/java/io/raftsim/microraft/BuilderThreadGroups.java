package io.raftsim.microraft;

import io.microraft.RaftNode;
import io.microraft.executor.impl.DefaultRaftNodeExecutor;

import java.lang.reflect.Field;

/**
 * MicroRaft 0.7's builder constructs a {@link DefaultRaftNodeExecutor} in its constructor,
 * before {@code setExecutor} can replace it, and that executor creates a
 * {@code ThreadGroup("RaftThread")} and a single-thread {@code ScheduledExecutorService}.
 * The service starts its thread lazily, on the first task, so no thread ever starts. But on
 * JDK 17 a new ThreadGroup registers itself in its parent (the calling thread's group) and
 * stays there until destroyed: one leaked group per built node, per incarnation, forever.
 *
 * <p>{@link #releaseDefaultExecutor} undoes exactly that builder's group: it reads the
 * builder's default executor before it is replaced, shuts its service down and destroys its
 * (empty) group. The fields are private to MicroRaft 0.7, read by reflection; if a later
 * version renames them this does nothing and {@code BuilderThreadGroupTest} fails.
 */
final class BuilderThreadGroups {
    private BuilderThreadGroups() {
    }

    /** Call on a fresh builder, before {@code setExecutor}. Returns whether a group was released. */
    @SuppressWarnings({"deprecation", "removal"}) // ThreadGroup.destroy: the only way to unregister a group on JDK 17
    static boolean releaseDefaultExecutor(RaftNode.RaftNodeBuilder builder) {
        try {
            Field executorField = builder.getClass().getDeclaredField("executor");
            executorField.setAccessible(true);
            if (!(executorField.get(builder) instanceof DefaultRaftNodeExecutor defaultExecutor)) {
                return false;
            }
            defaultExecutor.getExecutor().shutdownNow();
            Field groupField = DefaultRaftNodeExecutor.class.getDeclaredField("threadGroup");
            groupField.setAccessible(true);
            ThreadGroup group = (ThreadGroup) groupField.get(defaultExecutor);
            if (group.activeCount() == 0 && !group.isDestroyed()) {
                group.destroy();
                return true;
            }
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
