#!/usr/bin/env python3
"""A loopback HTTP server for the feed poller's tests (Tests/EndToEndTests/AlertPollCLITests.swift).

    feed-test-server.py ROOT LOG

Serves files under ROOT with ETag and Last-Modified and answers conditional requests with 304 and no body, which
python3 -m http.server does not do for ETags. Prefixes choose a behaviour:
    /slow/NAME?delay=S      waits S seconds before answering
    /truncated/NAME         promises the whole file in Content-Length, sends half, closes
    /redirect/NAME          302 to /NAME
    /seq/A,B,...            the n-th request gets file n (the last one from then on): a feed that changes
Every request is appended to LOG as a JSON line: path, status, body bytes sent, the conditional headers it carried.
Prints "port N" (flushed) once listening on 127.0.0.1.
"""
import hashlib, json, os, sys, threading, time
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

ROOT, LOG = sys.argv[1], sys.argv[2]
lock = threading.Lock()
seq_counts = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def record(self, status, body_bytes):
        entry = {"path": self.path, "status": status, "body_bytes": body_bytes,
                 "if_none_match": self.headers.get("If-None-Match"),
                 "if_modified_since": self.headers.get("If-Modified-Since")}
        with lock, open(LOG, "a") as f:
            f.write(json.dumps(entry) + "\n")

    def plain(self, status, text, headers=()):
        body = text.encode()
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.record(status, len(body))

    def do_GET(self):
        url = urlsplit(self.path)
        path, query = url.path, parse_qs(url.query)
        mode = "plain"
        for m in ("slow", "truncated", "redirect", "seq"):
            if path.startswith("/" + m + "/"):
                mode, path = m, path[len(m) + 1:]
        if mode == "redirect":
            return self.plain(302, "", [("Location", path)])
        if mode == "seq":
            names = path.lstrip("/").split(",")
            with lock:
                n = seq_counts.get(self.path, 0)
                seq_counts[self.path] = n + 1
            path = "/" + names[min(n, len(names) - 1)]
        file = os.path.realpath(os.path.join(ROOT, path.lstrip("/")))
        if not file.startswith(os.path.realpath(ROOT) + os.sep) or not os.path.isfile(file):
            return self.plain(404, "not found\n")
        if mode == "slow":
            time.sleep(float(query.get("delay", ["5"])[0]))
        with open(file, "rb") as f:
            data = f.read()
        etag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
        mtime = int(os.path.getmtime(file))
        validators = [("ETag", etag), ("Last-Modified", formatdate(mtime, usegmt=True))]
        inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        if inm is not None:
            unchanged = inm == etag
        else:
            try:
                unchanged = ims is not None and parsedate_to_datetime(ims).timestamp() >= mtime
            except (TypeError, ValueError):
                unchanged = False
        try:
            if unchanged:
                self.send_response(304)
                for k, v in validators:
                    self.send_header(k, v)
                self.end_headers()
                return self.record(304, 0)
            kind = "application/atom+xml" if file.endswith(".atom") else "application/rss+xml" if file.endswith(".rss") else "application/cap+xml"
            self.send_response(200)
            for k, v in validators + [("Content-Type", kind), ("Content-Length", str(len(data)))]:
                self.send_header(k, v)
            self.end_headers()
            body = data[: len(data) // 2] if mode == "truncated" else data
            self.wfile.write(body)
            self.wfile.flush()
            if mode == "truncated":
                self.close_connection = True
            self.record(200, len(body))
        except (BrokenPipeError, ConnectionResetError):
            self.record(-1, 0)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print("port %d" % server.server_address[1], flush=True)
server.serve_forever()
