package io.raftsim.sim.determinism.planted;

/**
 * Names forbidden types only in descriptors, never in code, so no constant pool holds a Class entry
 * for them: the scanner must read member descriptors (here) and NameAndType descriptors (in Caller).
 */
abstract class ThreadsInDescriptorsOnly {

    ThreadGroup group;

    abstract void joinAll(Thread[] threads);

    static final class Caller {
        void call(ThreadsInDescriptorsOnly target) {
            target.joinAll(null);
        }
    }
}
