#!/usr/bin/env python3
"""A Pyro5 client in Python's standard library only, doing TLS exactly as Pyro5's SSL mode does
(Pyro5 5.17 socketutil.py): create_default_context(Purpose.SERVER_AUTH, cafile=SSL_CACERTS),
load_cert_chain(SSL_CLIENTCERT, SSL_CLIENTKEY) for two-way TLS, wrap_socket(server_hostname=host
of the URI). The Pyro5 package itself cannot be installed on the test machine, so the wire
protocol (502, json serializer id 3) is spoken here by hand.

usage: pyro5_tls_client.py NS_HOST NS_PORT NAME CAFILE [CLIENTCERT CLIENTKEY]
Looks NAME up on the name server, calls echo("hello over tls") on it and prints the result.
With LAB_SECRET set, every CONNECT carries it as handshake data (Pyro5: proxy._pyroHandshake);
with LOOKUP_ONLY=1 it prints the looked-up URI and calls nothing.
"""
import os
import json
import re
import socket
import ssl
import struct
import sys

JSON = 3
CONNECT, CONNECTOK, CONNECTFAIL, INVOKE, RESULT = 1, 2, 3, 4, 5
FLAG_EXCEPTION = 0x01
HEADER = struct.Struct("!4sHBBHHII16sHH")  # 40 bytes, big-endian


def connect(host, port, cafile, cert, key):
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=cafile)
    if cert:
        context.load_cert_chain(cert, key)
    raw = socket.create_connection((host, port), timeout=10)
    return context.wrap_socket(raw, server_side=False, server_hostname=host)


def send(sock, msgtype, seq, payload):
    data = json.dumps(payload).encode("utf-8")
    sock.sendall(HEADER.pack(b"PYRO", 502, msgtype, JSON, 0, seq, len(data), 0, bytes(16), 0, 0x4DC5) + data)


def receive(sock):
    header = read_exactly(sock, HEADER.size)
    tag, version, msgtype, serializer, flags, seq, length, annotations, _, _, magic = HEADER.unpack(header)
    if tag != b"PYRO" or version != 502 or magic != 0x4DC5:
        raise RuntimeError("not a Pyro5 message")
    read_exactly(sock, annotations)
    return msgtype, flags, json.loads(read_exactly(sock, length).decode("utf-8"))


def read_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise RuntimeError("connection closed by the server")
        data += chunk
    return data


class Proxy:
    def __init__(self, host, port, obj, cafile, cert, key):
        self.obj = obj
        self.seq = 0
        self.sock = connect(host, port, cafile, cert, key)
        send(self.sock, CONNECT, self.seq, {"handshake": os.environ.get("LAB_SECRET", "hello"), "object": obj})
        msgtype, _, answer = receive(self.sock)
        if msgtype != CONNECTOK:
            raise RuntimeError("connect failed: %r" % (answer,))

    def call(self, method, *params):
        self.seq += 1
        send(self.sock, INVOKE, self.seq, {"object": self.obj, "method": method, "params": list(params), "kwargs": {}})
        msgtype, flags, answer = receive(self.sock)
        if flags & FLAG_EXCEPTION:
            raise RuntimeError("%s: %s" % (answer.get("__class__"), answer.get("args")))
        return answer

    def close(self):
        self.sock.close()


def main(argv):
    ns_host, ns_port, name, cafile = argv[1], int(argv[2]), argv[3], argv[4]
    cert, key = (argv[5], argv[6]) if len(argv) > 6 else (None, None)
    ns = Proxy(ns_host, ns_port, "Pyro.NameServer", cafile, cert, key)
    uri = ns.call("lookup", name)
    ns.close()
    text = uri if isinstance(uri, str) else json.dumps(uri)
    m = re.search(r"PYRO:([^@\"]+)@([^:\"]+):(\d+)", text)
    if not m and isinstance(uri, dict):  # {"__class__": "Pyro5.core.URI", "state": [protocol, object, sockname, host, port]}
        state = uri.get("state")
        m = re.match(r"(.*)@(.*):(\d+)", "%s@%s:%s" % (state[1], state[3], state[4]))
    obj, host, port = m.group(1), m.group(2), int(m.group(3))
    if os.environ.get("LOOKUP_ONLY") == "1":
        print(json.dumps({"uri": "PYRO:%s@%s:%d" % (obj, host, port)}))
        return
    echo = Proxy(host, port, obj, cafile, cert, key)
    print(json.dumps({"uri": "PYRO:%s@%s:%d" % (obj, host, port), "echo": echo.call("echo", "hello over tls"),
                      "tls": echo.sock.version()}))
    echo.close()


if __name__ == "__main__":
    try:
        main(sys.argv)
    except (OSError, RuntimeError, ssl.SSLError) as e:
        print("pyro5_tls_client: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        sys.exit(1)
