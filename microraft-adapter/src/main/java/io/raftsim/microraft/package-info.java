/**
 * MicroRaft 0.7, unmodified, run deterministically in one thread on sim-core's virtual
 * clock: the second, real Raft implementation under test (issue 13).
 *
 * <p>What MicroRaft 0.7 offers to plug into, read from its class files:
 * <ul>
 *   <li>{@code RaftNodeExecutor}: {@code execute(Runnable)}, {@code submit(Runnable)},
 *       {@code schedule(Runnable, long, TimeUnit)}; here {@link io.raftsim.microraft.VirtualExecutor}.
 *   <li>{@code Transport}: {@code send(RaftEndpoint, RaftMessage)}, {@code isReachable(RaftEndpoint)};
 *       here {@link io.raftsim.microraft.SimTransport} with {@link io.raftsim.microraft.MicroRaftCodec}.
 *   <li>{@code RaftStore}: persistAndFlush of local endpoint, initial members and term;
 *       {@code persistLogEntries}, {@code persistSnapshotChunk}, {@code truncateLogEntriesFrom},
 *       {@code truncateLogEntriesUntil}, {@code deleteSnapshotChunks}, {@code flush}; restored
 *       through {@code RestoredRaftState}; here {@link io.raftsim.microraft.DurableRaftStore}.
 *   <li>The builder: groupId, localEndpoint, initialGroupMembers (optionally with voting
 *       members), restoredState, config, executor, transport, stateMachine, store,
 *       modelFactory, raftNodeReportListener, random, clock.
 * </ul>
 *
 * <p>Timing ({@code RaftConfig}), coarse by design: {@code leaderElectionTimeoutMillis}
 * (ms; each pre-vote or vote round waits it plus a hard-coded {@code random.nextInt(100)} ms),
 * {@code leaderHeartbeatPeriodSecs} (whole seconds: the leader's heartbeat and every node's
 * check for a silent leader), {@code leaderHeartbeatTimeoutSecs} (whole seconds, at least the
 * period: how long a follower waits before a pre-vote, and a leader without a quorum before
 * stepping down), {@code raftNodeReportPublishPeriodSecs}. Hard-coded: a 250 ms backoff
 * reset on the leader, and {@code heartbeatPeriodMillis / 250} backoff rounds.
 *
 * <p>Behind the harness's seam (docs/microraft.md): {@link io.raftsim.microraft.MicroRaftImplementation}
 * ("microraft", found through {@code META-INF/services}), one {@link io.raftsim.microraft.MicroRaftProcess}
 * per incarnation driving the executor from one engine timer, {@link io.raftsim.microraft.MicroRaftProbe}
 * reading {@code RaftNodeImpl.state()}, {@link io.raftsim.microraft.MicroRaftWireCodec} for
 * {@link io.raftsim.microraft.MicroRaftMessage}s, {@link io.raftsim.microraft.MicroRaftSettings} for the
 * time scale, and {@link io.raftsim.microraft.LibraryAssertions}, which runs MicroRaft with its
 * assertions off, as it ships.
 */
package io.raftsim.microraft;
