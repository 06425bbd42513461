"""Bounded load for `run.sh canary`: a few clients asking the balancer on 127.0.0.1 for / in a loop, each
answer written as one line "<unix time> <what>" (what: the version the page names, `500`, another status,
or `error`). Stops when the stop file appears, after max-seconds, or after max-requests, whichever first.
Usage: python3 load.py URL OUT STOP-FILE [max-seconds=90] [max-requests=6000] [clients=2]
"""
import os
import re
import sys
import threading
import time
import urllib.error
import urllib.request

url, out, stop = sys.argv[1:4]
max_seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 90
max_requests = int(sys.argv[5]) if len(sys.argv) > 5 else 6000
clients = int(sys.argv[6]) if len(sys.argv) > 6 else 2
if not url.startswith("http://127.0.0.1:"):
    sys.exit("load.py: the demo's load goes to the balancer on 127.0.0.1 only")

end = time.time() + max_seconds
lock = threading.Lock()
sent = 0
version = re.compile(rb"version: ([^<\s]+)")
sink = open(out, "a", buffering=1)


def one() -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            m = version.search(r.read())
            return m.group(1).decode() if m else f"status-{r.status}"
    except urllib.error.HTTPError as e:
        return str(e.code)
    except OSError:
        return "error"


def client() -> None:
    global sent
    while time.time() < end and not os.path.exists(stop):
        with lock:
            if sent >= max_requests:
                return
            sent += 1
        start = time.time()
        what = one()
        with lock:
            sink.write(f"{start:.3f} {what}\n")
        # About 25 requests a second per client: enough for the judged windows, gentle on a small machine.
        time.sleep(max(0.0, 0.04 - (time.time() - start)))


threads = [threading.Thread(target=client) for _ in range(clients)]
for t in threads:
    t.start()
for t in threads:
    t.join()
