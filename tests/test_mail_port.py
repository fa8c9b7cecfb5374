"""`make run`'s e-mail sink never shares a port with another process: it takes a free one, or refuses."""
import socket
import subprocess
import sys

import pytest

from ivzflow.demo.mail_port import is_free, pick


def test_without_a_port_asked_a_free_one_is_picked():
    port = pick("")
    assert 1024 < port < 65536 and is_free(port)


def test_a_taken_port_is_refused_with_a_clear_message():
    with socket.socket() as other_sink:
        other_sink.bind(("127.0.0.1", 0))
        other_sink.listen()
        taken = other_sink.getsockname()[1]
        with pytest.raises(SystemExit) as refused:
            pick(str(taken))
        assert f"Port {taken} for the e-mail sink is taken" in str(refused.value)
        run = subprocess.run([sys.executable, "-m", "ivzflow.demo.mail_port", str(taken)], capture_output=True,
                             text=True)
    assert run.returncode == 1 and "is taken by another process" in run.stderr and run.stdout == ""


def test_a_free_port_asked_for_is_kept():
    free = pick("")
    assert pick(str(free)) == free
