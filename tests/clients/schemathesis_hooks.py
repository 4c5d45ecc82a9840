"""Schemathesis hooks for the clients step (scripts/clients.sh).

Before each call, the simulated account's rate-limit counters start afresh: the contract under
test is each operation's statuses and schemas, and schemathesis calls far faster than any plan's
budget allows (a Resource-intensive operation gets 20 calls a minute), so without this most
answers would be Zoom's 429 and the operations behind them untested. Rate limits have their own
tests (crates/zoom-sim/tests/api_contract.rs, crates/s2s-core's limits tests).
"""

import os
import urllib.request

import schemathesis

SIM = os.environ["S2S_SIM_URL"]
ADMIN = os.environ["S2S_SIM_ADMIN_TOKEN"]
ACCOUNT = os.environ["S2S_SIM_ACCOUNT"]


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    request = urllib.request.Request(
        f"{SIM}/_sim/accounts/{ACCOUNT}/reset",
        method="POST",
        data=b"{}",
        headers={"x-sim-admin-token": ADMIN, "content-type": "application/json"},
    )
    urllib.request.urlopen(request, timeout=5).close()
