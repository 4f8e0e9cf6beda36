package io.workbench.testkit.soak;

/**
 * The shape of a soak run.
 *
 * @param kernels notebook sessions (kernel JVMs), each with one producer and one live view
 * @param clientsPerKernel WebSocket clients watching each kernel's view (the first also runs its cells)
 * @param eventsPerSecond each producer's rate
 * @param steadySeconds how long the clients are measured once every one has its first update
 * @param sampleSeconds how often the server's heap (after a forced GC) and the RSS of the processes are sampled
 */
public record SoakSettings(int kernels, int clientsPerKernel, double eventsPerSecond, int steadySeconds,
                           int sampleSeconds) {
    /** R7's shape: five kernels, twenty clients, 50 events per second per producer, a sample every 5 s. */
    public static SoakSettings r7(int steadySeconds) {
        return new SoakSettings(5, 4, 50, steadySeconds, 5);
    }
}
