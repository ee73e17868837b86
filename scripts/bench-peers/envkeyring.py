"""A keyring backend for jrnl's password without a desktop: it answers every request with the
JRNL_BENCH_PASSWORD environment variable. Chosen with PYTHON_KEYRING_BACKEND=envkeyring.EnvKeyring
(this folder on PYTHONPATH); used by the peer benchmark only."""

import os

from keyring.backend import KeyringBackend


class EnvKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service, username):
        return os.environ.get("JRNL_BENCH_PASSWORD")

    def set_password(self, service, username, password):
        pass

    def delete_password(self, service, username):
        pass
