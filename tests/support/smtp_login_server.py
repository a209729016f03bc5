"""A real SMTP server for tests that wants a login: Debian's aiosmtpd, storing what it receives in a
Maildir, refusing MAIL until the client has logged in (AUTH PLAIN or LOGIN) with the one user name and
password given. Plain connections on loopback only: the test proves the login, not the encryption.

Usage: /usr/bin/python3 smtp_login_server.py HOST PORT MAILDIR USER PASSWORD
"""
import asyncio
import logging
import sys
import warnings

from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def main() -> None:
    host, port, maildir, user, password = sys.argv[1:6]

    def authenticator(server, session, envelope, mechanism, auth_data):
        accepted = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
                    and auth_data.password == password.encode())
        return AuthResult(success=accepted, handled=False)

    # aiosmtpd warns of AUTH without TLS (what this server is for) and of its own deprecations.
    warnings.simplefilter("ignore")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    handler = Mailbox(maildir)
    loop.run_until_complete(loop.create_server(
        lambda: SMTP(handler, auth_required=True, auth_require_tls=False, authenticator=authenticator, loop=loop),
        host, int(port)))
    loop.run_forever()


if __name__ == "__main__":
    main()
