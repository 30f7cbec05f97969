"""Nothing lost, nothing twice, under every fault (issue 12 §2), on infrastructure of the suite's
own: steady load with a unique citizen per request; kill -9 of each service, Kafka stopped and
started, PostgreSQL restarted, a second routing and notify joining and leaving, poison on every
consumed topic, every group replaying from the start, a 10x burst. The ledger counts what the
agencies and citizens received (tests/faults/ledger.py); the table is printed at the end of the run
and written to .run/faults/table.md."""

from __future__ import annotations

import pytest

from tests.faults import table
from tests.faults.conftest import TABLE
from tests.faults.faults import FAULTS
from tests.faults.infra import ROOT
from tests.faults.kafka import CONSUMED
from tests.faults.scenario import Run, fault_suite

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]
BUDGET_SECONDS = 540


@pytest.fixture(scope="module")
async def run(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Run:
    done = await fault_suite(tmp_path_factory.mktemp("faults"))
    shown = table.markdown(table.rows(done)) + f"\n\n{len(done.sent)} requests, {done.seconds:.0f} s in all"
    request.config.stash[TABLE] = shown
    out = ROOT / ".run" / "faults"
    out.mkdir(parents=True, exist_ok=True)
    (out / "table.md").write_text(shown + "\n")
    return done


def row(run: Run, fault: str) -> table.Row:
    (found,) = [r for r in table.rows(run) if r.fault == fault]
    return found


@pytest.mark.parametrize("fault", [f.name for f in FAULTS])
def test_every_acknowledged_request_is_assigned_once_and_its_citizen_told_once_per_change(
    run: Run, fault: str
) -> None:
    found = row(run, fault)
    assert found.acknowledged > 0, "no request was acknowledged in this phase"
    wrong = {
        s.request_id: run.verdicts[s.n].seen
        for s in run.sent
        if s.phase == fault
        and s.n in run.verdicts
        and (run.verdicts[s.n].duplicated or not run.verdicts[s.n].delivered)
    }
    assert (found.lost, found.duplicated) == (0, 0), wrong


@pytest.mark.parametrize("fault", [f.name for f in FAULTS])
def test_the_stack_recovers_from_each_fault(run: Run, fault: str) -> None:
    assert row(run, fault).recovery is not None, "its requests were not all delivered in time"


def test_no_request_sent_was_refused_for_good(run: Run) -> None:
    assert [s.answers for s in run.sent if s.acknowledged is None] == []


def test_statuses_never_move_backwards_at_the_agencies_or_the_citizens(run: Run) -> None:
    assert [n for n, v in run.verdicts.items() if v.backwards] == []


def test_every_poison_message_is_parked_by_every_group_that_reads_its_topic(run: Run) -> None:
    assert set(CONSUMED) < set(run.poisoned) == set(run.consumed)
    assert len(run.consumed) > len(CONSUMED) + 10, "every agency's response topic"
    for topic, groups in run.consumed.items():
        for group in groups:
            assert run.poisoned[topic] <= run.parked.get((topic, group), set()), (topic, group)


def test_the_replay_read_every_group_again_from_the_start(run: Run) -> None:
    groups = {g for groups in CONSUMED.values() for g in groups}
    assert groups <= set(run.replayed)
    assert all(run.replayed[g] > 0 for g in groups)


def test_every_consumer_group_catches_up(run: Run) -> None:
    assert run.lag
    assert {g: n for g, n in run.lag.items() if n} == {}


def test_every_service_is_ready_at_the_end(run: Run) -> None:
    assert run.ready == {"intake": True, "routing": True, "notify": True}


def test_the_suite_stays_within_its_budget(run: Run) -> None:
    assert run.seconds < BUDGET_SECONDS


def test_the_table_is_written_for_the_readme(run: Run) -> None:
    written = (ROOT / ".run" / "faults" / "table.md").read_text()
    assert written.startswith("| fault | sent | acknowledged | lost | duplicated | recovery s |")
    assert all(f.name in written for f in FAULTS)
