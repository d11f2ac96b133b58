"""Typed moderation categories and image usage, on OpenAI's documented answers
(tests/fixtures/recorded/31, from the OpenAI spec).

The category maps read under openai-python's attribute names (``harassment_threatening``)
and give the wire's keys back (``"harassment/threatening"``) in ``to_dict()``, ``model_dump()``,
``dict(...)`` and ``str()``, in their order, unknown categories included.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Dict, Iterator

import pytest
import respx

from portkey import Portkey
from portkey.types.images import (
    ImagesResponse,
    Usage,
    UsageInputTokensDetails,
    UsageOutputTokensDetails,
)
from portkey.types.moderations import (
    Categories,
    CategoryAppliedInputTypes,
    CategoryScores,
    ModerationCreateResponse,
)

BASE_URL = "https://api.portkey.ai/v1"
EXAMPLES: Dict[str, Any] = json.loads(
    (
        Path(__file__).parent
        / "fixtures"
        / "recorded"
        / "31_openai_spec_examples_moderations_images.json"
    ).read_text("utf-8")
)
TEXT = EXAMPLES["POST /moderations | Single string"]
OMNI = EXAMPLES["POST /moderations | Image and text"]
IMAGE = EXAMPLES["POST /images/generations | Generate image"]

# openai-python's attribute name for each category key.
NAMES = {
    "harassment": "harassment",
    "harassment/threatening": "harassment_threatening",
    "hate": "hate",
    "hate/threatening": "hate_threatening",
    "illicit": "illicit",
    "illicit/violent": "illicit_violent",
    "self-harm": "self_harm",
    "self-harm/instructions": "self_harm_instructions",
    "self-harm/intent": "self_harm_intent",
    "sexual": "sexual",
    "sexual/minors": "sexual_minors",
    "violence": "violence",
    "violence/graphic": "violence_graphic",
}


def test_every_category_reads_under_its_attribute_name() -> None:
    response = ModerationCreateResponse.model_validate(OMNI)
    assert response.results is not None
    result = response.results[0]
    sent = OMNI["results"][0]
    maps = [
        (result.categories, Categories, "categories"),
        (result.category_scores, CategoryScores, "category_scores"),
        (
            result.category_applied_input_types,
            CategoryAppliedInputTypes,
            "category_applied_input_types",
        ),
    ]
    for typed, cls, key in maps:
        assert type(typed) is cls
        assert set(sent[key]) == set(NAMES)  # the documented answer has every category
        for json_key, attribute in NAMES.items():
            assert getattr(typed, attribute) == sent[key][json_key], (key, json_key)
            assert typed[json_key] == sent[key][json_key]  # dict-style, as before
    assert result.categories is not None and result.categories.harassment_threatening is True
    assert result.category_scores is not None
    assert result.category_scores.violence_graphic == 0.843064871157054
    assert result.category_applied_input_types is not None
    assert result.category_applied_input_types.sexual == ["text", "image"]


def test_the_wire_keys_come_back_in_their_order() -> None:
    response = ModerationCreateResponse.model_validate(OMNI)
    assert response.to_dict() == OMNI
    assert response.model_dump() == OMNI and response.model_dump(exclude_none=True) == OMNI
    assert json.dumps(response.to_dict()) == json.dumps(OMNI)  # same key order
    assert json.loads(str(response)) == OMNI
    assert json.loads(response.model_dump_json()) == OMNI
    assert response.results is not None and response.results[0].categories is not None
    assert dict(response.results[0].categories) == OMNI["results"][0]["categories"]


def test_a_category_the_answer_lacks_is_none() -> None:
    """text-moderation-007 has no illicit categories and no category_applied_input_types."""
    response = ModerationCreateResponse.model_validate(TEXT)
    assert response.results is not None
    result = response.results[0]
    assert result.categories is not None and result.categories.illicit is None
    assert result.categories.illicit_violent is None
    assert result.categories.self_harm_intent is False
    assert result.category_applied_input_types is None
    assert "illicit" not in result.categories and "self-harm" in result.categories
    assert response.model_dump(exclude_none=True) == TEXT


def test_an_unknown_category_is_kept() -> None:
    body = copy.deepcopy(TEXT)
    body["results"][0]["categories"]["weapons/illegal"] = True
    body["results"][0]["category_scores"]["weapons/illegal"] = 0.7
    response = ModerationCreateResponse.model_validate(body)
    assert response.results is not None
    categories = response.results[0].categories
    assert categories is not None and categories["weapons/illegal"] is True
    assert getattr(categories, "weapons/illegal") is True
    assert list(categories.keys())[-1] == "weapons/illegal"
    assert response.to_dict() == {
        **body,
        "results": [{**body["results"][0], "category_applied_input_types": None}],
    }


def test_mapping_reads_and_writes() -> None:
    response = ModerationCreateResponse.model_validate(TEXT)
    assert response.results is not None
    categories = response.results[0].categories
    assert categories is not None
    assert len(categories) == len(TEXT["results"][0]["categories"])
    assert dict(categories.items()) == TEXT["results"][0]["categories"]
    assert list(categories.values()) == list(TEXT["results"][0]["categories"].values())
    assert categories.get("illicit", "absent") == "absent"
    categories.hate_threatening = True  # written under the wire's key
    assert categories["hate/threatening"] is True
    assert categories.to_dict()["hate/threatening"] is True
    text = repr(categories)
    assert text.startswith("Categories(sexual=False, ") and "hate_threatening=True" in text
    copied = copy.deepcopy(response)
    assert copied == response and copied.results is not None
    assert copied.results[0].categories is not None
    assert copied.results[0].categories.hate_threatening is True


def test_images_usage_is_typed() -> None:
    response = ImagesResponse.model_validate(IMAGE)
    usage = response.usage
    assert type(usage) is Usage
    assert (usage.input_tokens, usage.output_tokens, usage.total_tokens) == (50, 50, 100)
    details = usage.input_tokens_details
    assert type(details) is UsageInputTokensDetails
    assert (details.text_tokens, details.image_tokens) == (10, 40)
    assert usage.output_tokens_details is None  # not in the documented answer
    assert response.model_dump(exclude_none=True) == IMAGE


def test_images_output_tokens_details() -> None:
    body = copy.deepcopy(IMAGE)
    body["usage"]["output_tokens_details"] = {"image_tokens": 45, "text_tokens": 5}
    response = ImagesResponse.model_validate(body)
    assert response.usage is not None
    details = response.usage.output_tokens_details
    assert type(details) is UsageOutputTokensDetails
    assert (details.image_tokens, details.text_tokens) == (45, 5)


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        yield router


def test_through_the_client(mock: respx.MockRouter) -> None:
    mock.post("/moderations").respond(200, json=OMNI)
    mock.post("/images/generations").respond(200, json=IMAGE)
    with Portkey(api_key="pk") as client:
        moderation = client.moderations.create(input="...", model="omni-moderation-latest")
        image = client.images.generate(prompt="a cat", model="gpt-image-1")
    assert moderation.results is not None and moderation.results[0].categories is not None
    assert moderation.results[0].categories.violence_graphic is True
    assert moderation.to_dict() == OMNI
    assert image.usage is not None and image.usage.input_tokens_details is not None
    assert image.usage.input_tokens_details.image_tokens == 40
