#!/usr/bin/env python3
"""A loopback HTTP server for the feed poller's tests (Tests/EndToEndTests/AlertPollCLITests.swift).

    feed-test-server.py ROOT LOG

Serves files under ROOT with ETag and Last-Modified and answers conditional requests with 304 and no body, which
python3 -m http.server does not do for ETags. Prefixes choose a behaviour:
    /slow/NAME?delay=S      waits S seconds before answering
    /truncated/NAME         promises the whole file in Content-Length, sends half, closes
    /redirect/NAME          302 to /NAME
    /seq/A,B,...            the n-th request gets file n (the last one from then on): a feed that changes
    /r301/ /r302/ /r307/ /r308/NAME  that redirect status to /NAME (they chain: /r301/r307/NAME);  /loop/NAME redirects to itself for ever
    /gzip/NAME /deflate/NAME  the body compressed, with Content-Encoding;  /chunked/NAME  chunked, no Content-Length
    /ignore/NAME            ignores conditional headers (always 200 and the whole body)
    /lmonly/NAME            Last-Modified but no ETag;  /weak/NAME  a weak ETag (W/"...")
    /bare304/NAME           answers a matching conditional request with a 304 carrying no validators
    /status/CODE/NAME?retry=V  answers CODE with a short body (and Retry-After: V; "date+N" is an HTTP date N s ahead)
    /html/NAME              200 with an HTML error page;  /empty/NAME  200 with an empty body
    /stall/NAME             headers and half the body, then nothing for a minute
    /huge/NAME?bytes=N      N bytes of XML-ish filler, chunked (no Content-Length) unless &length=1
Any file answer (200 or 304) carries ?cache=V as Cache-Control: V and ?expires=N as an Expires N s ahead.
Options after LOG: --v6 listens on ::1; --tls CERT KEY serves https.
Every request is appended to LOG as a JSON line: path, status, body bytes sent, the conditional headers it carried,
and the time it was answered (t, seconds since the epoch).
Prints "port N" (flushed) once listening on 127.0.0.1.
"""
import hashlib, json, os, socket, ssl, sys, threading, time, zlib, gzip
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

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
                 "if_modified_since": self.headers.get("If-Modified-Since"), "t": time.time()}
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
        path, query = unquote(url.path), parse_qs(url.query)
        mode = "plain"
        for m in ("slow", "truncated", "redirect", "seq", "r301", "r302", "r307", "r308", "loop", "gzip", "deflate", "chunked",
                  "ignore", "lmonly", "weak", "bare304", "status", "html", "empty", "stall", "huge"):
            if path.startswith("/" + m + "/"):
                mode, path = m, path[len(m) + 1:]
                break
        if mode == "redirect":
            return self.plain(302, "", [("Location", path)])
        if mode in ("r301", "r302", "r307", "r308"):
            return self.plain(int(mode[1:]), "", [("Location", path)])
        if mode == "loop":
            return self.plain(302, "", [("Location", self.path)])
        if mode == "status":
            code, _, path = path.lstrip("/").partition("/")
            retry = query.get("retry", [None])[0]
            headers = []
            if retry is not None:
                if retry.startswith("date+"):
                    retry = formatdate(time.time() + float(retry[5:]), usegmt=True)
                headers.append(("Retry-After", retry))
            return self.plain(int(code), "<html><body>try later</body></html>", headers)
        if mode == "html":
            return self.plain(200, "<!DOCTYPE html>\n<html><head><title>Error</title></head><body>Service down</body></html>",
                              [("Content-Type", "text/html")])
        if mode == "empty":
            return self.plain(200, "")
        if mode == "huge":
            n = int(query.get("bytes", ["1000000"])[0])
            self.send_response(200)
            chunk = b"<x>" + b"y" * 4090 + b"</x>\n"
            if "length" in query:
                self.send_header("Content-Length", str(n))
            else:
                self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            sent = 0
            try:
                while sent < n:
                    part = chunk[: n - sent]
                    if "length" in query:
                        self.wfile.write(part)
                    else:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                    sent += len(part)
                if "length" not in query:
                    self.wfile.write(b"0\r\n\r\n")
                self.record(200, sent)
            except (BrokenPipeError, ConnectionResetError):
                self.record(-1, sent)
            return
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
        if mode == "weak":
            etag = "W/" + etag
        mtime = int(os.path.getmtime(file))
        validators = [("ETag", etag), ("Last-Modified", formatdate(mtime, usegmt=True))]
        if mode == "lmonly":
            validators = validators[1:]
        if "cache" in query:
            validators.append(("Cache-Control", query["cache"][0]))
        if "expires" in query:
            validators.append(("Expires", formatdate(time.time() + float(query["expires"][0]), usegmt=True)))
        inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        if mode == "ignore":
            inm = ims = None
        if mode == "lmonly":
            inm = None
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
                for k, v in ([] if mode == "bare304" else validators):
                    self.send_header(k, v)
                self.end_headers()
                return self.record(304, 0)
            kind = "application/atom+xml" if file.endswith(".atom") else "application/rss+xml" if file.endswith(".rss") else "application/cap+xml"
            self.send_response(200)
            extra = [("Content-Type", kind)]
            if mode in ("gzip", "deflate"):
                data = gzip.compress(data) if mode == "gzip" else zlib.compress(data)
                extra.append(("Content-Encoding", mode))
            if mode == "chunked":
                extra.append(("Transfer-Encoding", "chunked"))
            else:
                extra.append(("Content-Length", str(len(data))))
            for k, v in validators + extra:
                self.send_header(k, v)
            self.end_headers()
            body = data[: len(data) // 2] if mode in ("truncated", "stall") else data
            if mode == "chunked":
                for i in range(0, len(body), 1000):
                    part = body[i:i + 1000]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                self.wfile.write(b"0\r\n\r\n")
            else:
                self.wfile.write(body)
            self.wfile.flush()
            if mode == "stall":
                time.sleep(60)
            if mode == "truncated":
                self.close_connection = True
            self.record(200, len(body))
        except (BrokenPipeError, ConnectionResetError):
            self.record(-1, 0)


class Server6(ThreadingHTTPServer):
    address_family = socket.AF_INET6


options = sys.argv[3:]
server = Server6(("::1", 0), Handler) if "--v6" in options else ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
if "--tls" in options:
    i = options.index("--tls")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(options[i + 1], options[i + 2])
    server.socket = context.wrap_socket(server.socket, server_side=True)
print("port %d" % server.server_address[1], flush=True)
server.serve_forever()
