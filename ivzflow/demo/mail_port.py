"""The port of the SMTP sink that `make run` starts beside the demo: a free one, or the one asked for if it
is free. A taken port is refused with a clear message, so the scheduler never mails into another process's
sink (and the sink does not die with a traceback)."""
from __future__ import annotations

import socket
import sys


def is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def pick(asked: str) -> int:
    """The asked port when it is free; any free port when none is asked (empty or 0)."""
    if asked.strip() in ("", "0"):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]
    port = int(asked)
    if not is_free(port):
        raise SystemExit(f"Port {port} for the e-mail sink is taken by another process. Leave MAIL_PORT out to "
                         f"pick a free port, choose another (make run MAIL_PORT=8026), or use a real server "
                         f"(make run MAIL_SINK= MAIL_PORT=25).")
    return port


if __name__ == "__main__":
    print(pick(sys.argv[1] if len(sys.argv) > 1 else ""))
