"""Kernel benchmarks from a real Jupyter client (jupyter_client), on the workbench-java kernelspec.

P3: warm round trip of a trivial cell (1 + 1): execute_request sent -> execute_reply received, and -> idle;
    and the kernel_info round trip, which is the client and transport alone.
P4: kernel launch -> first Spark result (spark.range(10).count()).
P6: kernel RSS idle (Spark started) and after a Spark query.

Prints one JSON object. Needs JUPYTER_PATH pointing at a directory with kernels/workbench-java.
"""
import json
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel

WARMUP = 100
SAMPLES = int(sys.argv[1]) if len(sys.argv) > 1 else 400


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def run(kc, code, timeout=300):
    t0 = time.perf_counter()
    msg_id = kc.execute(code, store_history=True)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    t_reply = time.perf_counter()
    result = None
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            result = msg["content"]["data"].get("text/plain")
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    t_idle = time.perf_counter()
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"{code!r} failed: {reply['content']}")
    return (t_reply - t0) * 1000, (t_idle - t0) * 1000, result


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))]


def main():
    t_launch = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="workbench-java", startup_timeout=180)
    t_ready = time.perf_counter()
    _, _, first = run(kc, "spark.range(10).count()")
    t_first = time.perf_counter()
    assert first == "10", first
    pid = km.provisioner.process.pid
    time.sleep(3)
    rss_idle = rss_mb(pid)

    for _ in range(WARMUP):
        run(kc, "1 + 1")
    replies, idles = [], []
    for _ in range(SAMPLES):
        r, i, value = run(kc, "1 + 1")
        assert value == "2", value
        replies.append(r)
        idles.append(i)

    # The client and transport alone: kernel_info does no work in the kernel, so its round trip is what the
    # Python client, ZeroMQ and signing add to every request.
    infos = []
    for _ in range(SAMPLES):
        t0 = time.perf_counter()
        kc.kernel_info(reply=True, timeout=30)
        infos.append((time.perf_counter() - t0) * 1000)

    run(kc, 'spark.range(20_000_000).selectExpr("id % 1000 AS k", "id * 2 AS v").groupBy("k").sum("v").collectAsList().size()')
    time.sleep(2)
    rss_query = rss_mb(pid)
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    print(json.dumps({
        "p3_reply_p50_ms": statistics.median(replies), "p3_reply_p99_ms": pct(replies, 99),
        "p3_idle_p50_ms": statistics.median(idles), "p3_idle_p99_ms": pct(idles, 99), "p3_samples": SAMPLES,
        "p3_kernel_info_p50_ms": statistics.median(infos), "p3_kernel_info_p99_ms": pct(infos, 99),
        "p4_kernel_info_s": t_ready - t_launch, "p4_first_spark_result_s": t_first - t_launch,
        "p6_rss_idle_mb": rss_idle, "p6_rss_after_query_mb": rss_query,
    }))


if __name__ == "__main__":
    main()
