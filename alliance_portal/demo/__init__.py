"""The demo data: the facts of the 30th-anniversary report, synthetic members in bulk, and the first admin login.

- `load_facts()` (facts.py, honours.py, report.py) writes what the press report (../shared/seed, summarised in
  docs/data-model.md) says: the alliance, its names and congresses, the ceremony of 31/7/2020 with its guests,
  speeches and programme, the two member organizations named, and the 23 honours announced, whose unnamed recipients
  and decisions are marked samples. Running it twice changes nothing.
- `load_history()` (history.py, history_members.py, history_events.py, history_awards.py, history_texts.py,
  pictures.py) adds a visibly marked sample history beside those facts: about 300 members that joined from 1990 to
  2026, their people, decisions and honours over the years, and events with programmes, guests and generated
  pictures. Drawn from a fixed seed; running it twice changes nothing.
- `add_members(n, seed)` (synthetic.py, names.py, derived.py, bulk.py) adds n synthetic member organizations (all
  is_sample=True) with bulk inserts; `after_bulk_load()` is what any bulk write owes the portal afterwards.
- `ensure_admin()` (accounts.py) makes sure a superuser exists; `dry_run_atomic()` (dry_run.py) serves --dry-run.

The management commands load_demo and ensure_admin, the benchmarks and the tests use the names below.
"""

from .accounts import ADMIN_USERNAME, AdminLogin, default_password_file, ensure_admin
from .bulk import after_bulk_load
from .dry_run import DryRunRollback, dry_run_atomic
from .facts import load_facts
from .history import HISTORY_SEED, HistoryResult, load_history
from .honours import SAMPLE_MARK
from .names import EXTRA_PLACES, person_name
from .report import EVENT_SLUG
from .synthetic import BATCH_SIZE, MembersResult, add_members

__all__ = [
    "ADMIN_USERNAME",
    "BATCH_SIZE",
    "EVENT_SLUG",
    "EXTRA_PLACES",
    "HISTORY_SEED",
    "SAMPLE_MARK",
    "AdminLogin",
    "DryRunRollback",
    "HistoryResult",
    "MembersResult",
    "add_members",
    "after_bulk_load",
    "default_password_file",
    "dry_run_atomic",
    "ensure_admin",
    "load_facts",
    "load_history",
    "person_name",
]
