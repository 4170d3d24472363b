#!/usr/bin/env python3
"""bench/restart.py: how long `twoplus serve --db FILE` takes to be ready again on a corpus
it has already ingested.

    bench/restart.py RUNS TWOPLUS_BIN DB CORPUS DATA

Each run starts `TWOPLUS_BIN serve --db DB --corpus CORPUS --data DATA --access-log off
--listen 127.0.0.1:PORT` (a free port), asks GET /readyz every 5 ms on fresh connections until
it answers 200, and takes the time from the start of the process to that answer; then stops
the server with SIGTERM and requires exit status 0. A run where the server re-extracted
anything (its summary line says "N extracted" with N > 0) is an error: the corpus was not
unchanged. Prints one line per run, "RUN SECONDS SUMMARY", where SUMMARY is the server's
"ingested ..." line. Python 3 standard library only.
"""

import http.client
import re
import socket
import subprocess
import sys
import tempfile
import time

READY_TIMEOUT_S = 600


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ready(port):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        c.request("GET", "/readyz")
        status = c.getresponse().status
        c.close()
        return status == 200
    except OSError:
        return False


def one_run(binary, db, corpus, data, log):
    port = free_port()
    cmd = [binary, "serve", "--db", db, "--corpus", corpus, "--data", data,
           "--access-log", "off", "--listen", "127.0.0.1:%d" % port]
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log)
    try:
        while not ready(port):
            if p.poll() is not None:
                sys.exit("restart: %s exited with status %d before it was ready"
                         % (binary, p.returncode))
            if time.monotonic() - t0 > READY_TIMEOUT_S:
                sys.exit("restart: not ready after %d s" % READY_TIMEOUT_S)
            time.sleep(0.005)
        took = time.monotonic() - t0
    finally:
        if p.poll() is None:
            p.terminate()
        try:
            rc = p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            rc = p.wait()
    if rc != 0:
        sys.exit("restart: the server exited with status %d on SIGTERM" % rc)
    return took


def main():
    if len(sys.argv) != 6 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit("usage: restart.py RUNS TWOPLUS_BIN DB CORPUS DATA")
    runs = int(sys.argv[1])
    binary, db, corpus, data = sys.argv[2:]
    for r in range(1, runs + 1):
        with tempfile.TemporaryFile("w+") as log:
            took = one_run(binary, db, corpus, data, log)
            log.seek(0)
            lines = [l.strip() for l in log if "ingested" in l]
        summary = lines[-1] if lines else "(no summary line)"
        m = re.search(r"(\d+) extracted", summary)
        if not m or int(m.group(1)) != 0:
            sys.exit("restart: run %d re-extracted files: %s" % (r, summary))
        print("%d %.3f %s" % (r, took, summary), flush=True)


if __name__ == "__main__":
    main()
