"""Loopback HTTP server for HTTPClient tests. Prints its port, then serves until stdin closes."""
import http.server, json, sys, threading, time

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("Content-Length", "0") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path.startswith("/slow"):
            time.sleep(30)
            return self.reply(200, {})
        if self.path.startswith("/status/429"):
            return self.reply(429, {"errcode": "M_LIMIT_EXCEEDED"}, [("Retry-After", "3")])
        self.reply(200, {
            "method": self.command, "path": self.path, "port": self.client_address[1],
            "body": body.decode("utf-8", "replace"), "auth": self.headers.get("Authorization"),
            "content_type": self.headers.get("Content-Type"),
        })

    do_GET = do_POST = do_PUT = do_DELETE = handle_any

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
if "--tls" in sys.argv:
    # A self-signed certificate: a client that verifies TLS must refuse it.
    import os, ssl, subprocess, tempfile
    folder = tempfile.mkdtemp()
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
