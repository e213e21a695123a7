"""
The portal through FastAPI's TestClient: good bodies give our JSON, bad ones every violation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import app
import pytest
from fastapi.testclient import TestClient

import gxai_policy as gp
from gxai_policy.data import founding_dataset, founding_letter

ENTERPRISE: dict[str, Any] = {
    "name": "广西智联视界智能科技有限公司",
    "uscc": "91450100MA5KB1XW1C",
    "certificate": {"number": "GR202145000123", "issued_on": "2021-10-20"},
}
SUBSIDY: dict[str, Any] = {
    "kind": "certification_award",
    "recipient": {"kind": "enterprise", "key": "91450100MA5KB1XW1C"},
    "amount": "50000",
    "year": 2021,
}


@pytest.fixture
def client() -> Iterator[TestClient]:
    """
    A client of a portal whose store starts empty.
    """
    app.ENTERPRISES.clear()
    app.SUBSIDIES.clear()
    app.REPLIES.clear()
    with TestClient(app.app) as client:
        yield client


def _violations(body: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(tuple(e["loc"]), e["type"], e["ctx"]["message_zh"]) for e in body["detail"]]


def _expected(cls: type, data: Any, *where: str) -> list[tuple[Any, ...]]:
    with pytest.raises(gp.ValidationError) as caught:
        gp.from_dict(cls, data)
    return [
        ((*where, *v.path.split("/")[1:]), v.code, v.message_zh) for v in caught.value.violations
    ]


class TestEnterprises:
    def test_a_good_enterprise_is_kept_and_served_as_our_json(self, client: TestClient) -> None:
        """
        A valid enterprise is answered with 200 and its wire form, and can be fetched by USCC.
        """
        expected = gp.to_dict(gp.from_dict(gp.Enterprise, ENTERPRISE))
        posted = client.post("/enterprises", json=ENTERPRISE)
        fetched = client.get("/enterprises/91450100MA5KB1XW1C")
        assert (200, expected) == (posted.status_code, posted.json())
        assert (200, expected) == (fetched.status_code, fetched.json())

    def test_a_bad_enterprise_lists_every_violation(self, client: TestClient) -> None:
        """
        An invalid enterprise is a 422 with one entry per violation: our code and Chinese message.
        """
        bad = ENTERPRISE | {"name": " ", "uscc": "91450100MA5KB1XW1D", "备注": "x"}
        response = client.post("/enterprises", json=bad)
        assert 422 == response.status_code
        assert _expected(gp.Enterprise, bad, "body") == _violations(response.json())
        assert 3 == len(response.json()["detail"])
        assert {} == app.ENTERPRISES

    def test_a_malformed_uscc_in_the_path_is_refused_with_our_code(
        self, client: TestClient
    ) -> None:
        """
        A path parameter typed Wire[gp.USCC] is checked by gxai_policy, check character and all.
        """
        response = client.get("/enterprises/91450100MA5KB1XW1D")
        assert 422 == response.status_code
        assert _expected(gp.USCC, "91450100MA5KB1XW1D", "path", "uscc") == _violations(
            response.json()
        )

    def test_an_unknown_enterprise_is_not_found(self, client: TestClient) -> None:
        """
        A well-formed USCC nobody registered is a 404.
        """
        assert 404 == client.get("/enterprises/91450100MA5KB1XW1C").status_code


class TestSubsidies:
    def test_a_good_subsidy_is_answered_in_our_json(self, client: TestClient) -> None:
        """
        A valid subsidy comes back as gp.to_dict writes it (money as an exact decimal string).
        """
        response = client.post("/subsidies", json=SUBSIDY)
        expected = gp.to_dict(gp.from_dict(gp.Subsidy, SUBSIDY))
        assert (200, expected) == (response.status_code, response.json())
        assert "50000" == response.json()["amount"]

    def test_a_float_amount_and_a_bad_year_are_both_reported(self, client: TestClient) -> None:
        """
        Money as a float and a year as a string are each a violation of the one 422.
        """
        bad = SUBSIDY | {"amount": 50000.5, "year": "2021"}
        response = client.post("/subsidies", json=bad)
        assert 422 == response.status_code
        assert _expected(gp.Subsidy, bad, "body") == _violations(response.json())
        assert 2 == len(response.json()["detail"])


class TestReplies:
    def test_a_letter_is_read_kept_and_served(self, client: TestClient) -> None:
        """
        The founding letter's text is read into a reply, answered as our JSON and fetched by number.
        """
        expected = gp.to_dict(gp.parse_reply(founding_letter()))
        posted = client.post("/replies", content=founding_letter().encode())
        fetched = client.get("/replies/1")
        assert (200, expected) == (posted.status_code, posted.json())
        assert (200, expected) == (fetched.status_code, fetched.json())

    def test_text_that_is_not_a_letter_is_a_422_with_the_parse_error(
        self, client: TestClient
    ) -> None:
        """
        Text that is no letter is refused with gxai_policy's ParseError body, Chinese included.
        """
        response = client.post("/replies", content="你好".encode())
        body = response.json()
        assert (422, "parse", "letter.not_a_letter") == (
            response.status_code,
            body["error"],
            body["code"],
        )
        assert body["message_zh"].startswith("不是答复函")

    def test_findings_of_a_reply_as_of_a_day(self, client: TestClient) -> None:
        """
        A reply's findings as of a day are gp.check's, as JSON.
        """
        client.post("/replies", content=founding_letter().encode())
        expected = [
            v.to_dict()
            for v in gp.check(gp.parse_reply(founding_letter()), as_of=gp.parse_date("2021-08-01"))
        ]
        response = client.get("/replies/1/findings", params={"as_of": "2021-08-01"})
        assert (200, expected) == (response.status_code, response.json())
        assert "reply.missing_signed_on" in {f["code"] for f in response.json()}


class TestCheck:
    def test_a_bundle_is_checked_as_of_a_day(self, client: TestClient) -> None:
        """
        The check endpoint returns gp.check's findings about the bundle posted, as of the day given.
        """
        dataset = founding_dataset()
        expected = [v.to_dict() for v in gp.check(dataset, as_of=gp.parse_date("2021-12-31"))]
        response = client.post("/check", params={"as_of": "2021-12-31"}, json=gp.to_dict(dataset))
        assert (200, expected) == (response.status_code, response.json())

    def test_an_impossible_day_is_refused_with_our_code(self, client: TestClient) -> None:
        """
        A day that is not on the calendar is a 422 with gxai_policy's date code.
        """
        dataset = gp.to_dict(founding_dataset())
        response = client.post("/check", params={"as_of": "2021-13-31"}, json=dataset)
        assert 422 == response.status_code
        assert [(("query", "as_of"), "date.impossible")] == [
            (loc, code) for loc, code, _ in _violations(response.json())
        ]


class TestOpenAPI:
    def test_bodies_are_described_by_our_schema(self, client: TestClient) -> None:
        """
        /openapi.json describes the enterprise body with gxai_policy's schema, labels included.
        """
        components = client.get("/openapi.json").json()["components"]["schemas"]
        ours = gp.json_schema(gp.Enterprise)["$defs"]
        assert ours["Enterprise"]["required"] == components["Enterprise"]["required"]
        assert "统一社会信用代码" == components["Enterprise"]["properties"]["uscc"]["x-label-zh"]
        assert ours["ScenarioDomain"]["x-labels"] == components["ScenarioDomain"]["x-labels"]
