#!/usr/bin/env python3
"""Asks `truthlens lsp --stdio` for its capabilities before the editor suites run.

Usage: probe-server.py TRUTHLENS_BIN OUT.json
Exit: 0 the server answered `initialize` (capabilities written to OUT.json);
      77 the binary's server is still the stub (it says "not built yet"): the
         suites skip, naming the missing feature;
      1 anything else (crash, garbage, timeout): a real failure.
Why a separate probe: an editor that cannot start its server only shows a
timeout; this gives the reason, and lets the suites tell "not landed" from "broken".
"""
import json
import subprocess
import sys
import threading

STUB_MESSAGE = "not built yet"
TIMEOUT_S = 10


def frame(obj):
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def read_message(stream):
    headers = {}
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.decode("ascii").strip()
        if not line:
            break
        key, _, value = line.partition(":")
        headers[key.strip().lower()] = value.strip()
    return json.loads(stream.read(int(headers["content-length"])))


def main():
    binary, out = sys.argv[1], sys.argv[2]
    proc = subprocess.Popen([binary, "lsp", "--stdio"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdin.write(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": None, "rootUri": None, "capabilities": {}}}))
    proc.stdin.flush()
    answer = {}

    def reader():
        while True:
            msg = read_message(proc.stdout)
            if msg is None or msg.get("id") == 1:
                answer["msg"] = msg
                return

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    t.join(TIMEOUT_S)
    msg = answer.get("msg")
    if msg and "result" in msg:
        with open(out, "w") as f:
            json.dump(msg["result"], f, indent=2)
        try:
            proc.stdin.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
            proc.stdin.write(frame({"jsonrpc": "2.0", "method": "exit"}))
            proc.stdin.close()
            proc.wait(5)
        except Exception:
            proc.kill()
        return 0
    proc.kill()
    stderr = proc.stderr.read().decode(errors="replace").strip()
    if STUB_MESSAGE in stderr:
        print(f"language server not landed: `truthlens lsp` says: {stderr}")
        return 77
    print(f"`truthlens lsp` did not answer initialize within {TIMEOUT_S} s "
          f"(exit {proc.poll()}): {stderr or msg}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
