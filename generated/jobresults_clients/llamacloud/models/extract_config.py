from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chunk_mode import ChunkMode
from ..models.extract_model import ExtractModel
from ..models.extraction_mode import ExtractionMode
from ..models.extraction_target import ExtractionTarget
from ..models.parse_model import ParseModel
from ..models.priority import Priority
from ..types import UNSET, Unset

T = TypeVar("T", bound="ExtractConfig")


@_attrs_define
class ExtractConfig:
    """Configuration parameters for the extraction agent. (From the SDK's `types/extraction/extract_config.py`; every field
    is optional there.)

        Attributes:
            chunk_mode (ChunkMode | None | Unset): The mode to use for chunking the document.
            citation_bbox (bool | None | Unset): Whether to fetch citation bounding boxes for the extraction. Only available
                in PREMIUM mode. Deprecated: this is now synonymous with cite_sources.
            cite_sources (bool | None | Unset): Whether to cite sources for the extraction.
            confidence_scores (bool | None | Unset): Whether to fetch confidence scores for the extraction.
            extract_model (ExtractModel | None | Unset): The extract model to use for data extraction. If not provided, uses
                the default for the extraction mode.
            extraction_mode (ExtractionMode | None | Unset): The extraction mode specified (FAST, BALANCED, MULTIMODAL,
                PREMIUM).
            extraction_target (ExtractionTarget | None | Unset): The extraction target specified.
            high_resolution_mode (bool | None | Unset): Whether to use high resolution mode for the extraction.
            invalidate_cache (bool | None | Unset): Whether to invalidate the cache for the extraction.
            multimodal_fast_mode (bool | None | Unset): DEPRECATED: Whether to use fast mode for multimodal extraction.
            num_pages_context (int | None | Unset): Number of pages to pass as context on long document extraction.
            page_range (None | str | Unset): Comma-separated list of page numbers or ranges to extract from (1-based, e.g.,
                '1,3,5-7,9' or '1-3,8-10').
            parse_model (None | ParseModel | Unset): Public model names.
            priority (None | Priority | Unset): The priority for the request. This field may be ignored or overwritten
                depending on the organization tier.
            system_prompt (None | str | Unset): The system prompt to use for the extraction.
            use_reasoning (bool | None | Unset): Whether to use reasoning for the extraction.
    """

    chunk_mode: ChunkMode | None | Unset = UNSET
    citation_bbox: bool | None | Unset = UNSET
    cite_sources: bool | None | Unset = UNSET
    confidence_scores: bool | None | Unset = UNSET
    extract_model: ExtractModel | None | Unset = UNSET
    extraction_mode: ExtractionMode | None | Unset = UNSET
    extraction_target: ExtractionTarget | None | Unset = UNSET
    high_resolution_mode: bool | None | Unset = UNSET
    invalidate_cache: bool | None | Unset = UNSET
    multimodal_fast_mode: bool | None | Unset = UNSET
    num_pages_context: int | None | Unset = UNSET
    page_range: None | str | Unset = UNSET
    parse_model: None | ParseModel | Unset = UNSET
    priority: None | Priority | Unset = UNSET
    system_prompt: None | str | Unset = UNSET
    use_reasoning: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chunk_mode: None | str | Unset
        if isinstance(self.chunk_mode, Unset):
            chunk_mode = UNSET
        elif isinstance(self.chunk_mode, ChunkMode):
            chunk_mode = self.chunk_mode.value
        else:
            chunk_mode = self.chunk_mode

        citation_bbox: bool | None | Unset
        if isinstance(self.citation_bbox, Unset):
            citation_bbox = UNSET
        else:
            citation_bbox = self.citation_bbox

        cite_sources: bool | None | Unset
        if isinstance(self.cite_sources, Unset):
            cite_sources = UNSET
        else:
            cite_sources = self.cite_sources

        confidence_scores: bool | None | Unset
        if isinstance(self.confidence_scores, Unset):
            confidence_scores = UNSET
        else:
            confidence_scores = self.confidence_scores

        extract_model: None | str | Unset
        if isinstance(self.extract_model, Unset):
            extract_model = UNSET
        elif isinstance(self.extract_model, ExtractModel):
            extract_model = self.extract_model.value
        else:
            extract_model = self.extract_model

        extraction_mode: None | str | Unset
        if isinstance(self.extraction_mode, Unset):
            extraction_mode = UNSET
        elif isinstance(self.extraction_mode, ExtractionMode):
            extraction_mode = self.extraction_mode.value
        else:
            extraction_mode = self.extraction_mode

        extraction_target: None | str | Unset
        if isinstance(self.extraction_target, Unset):
            extraction_target = UNSET
        elif isinstance(self.extraction_target, ExtractionTarget):
            extraction_target = self.extraction_target.value
        else:
            extraction_target = self.extraction_target

        high_resolution_mode: bool | None | Unset
        if isinstance(self.high_resolution_mode, Unset):
            high_resolution_mode = UNSET
        else:
            high_resolution_mode = self.high_resolution_mode

        invalidate_cache: bool | None | Unset
        if isinstance(self.invalidate_cache, Unset):
            invalidate_cache = UNSET
        else:
            invalidate_cache = self.invalidate_cache

        multimodal_fast_mode: bool | None | Unset
        if isinstance(self.multimodal_fast_mode, Unset):
            multimodal_fast_mode = UNSET
        else:
            multimodal_fast_mode = self.multimodal_fast_mode

        num_pages_context: int | None | Unset
        if isinstance(self.num_pages_context, Unset):
            num_pages_context = UNSET
        else:
            num_pages_context = self.num_pages_context

        page_range: None | str | Unset
        if isinstance(self.page_range, Unset):
            page_range = UNSET
        else:
            page_range = self.page_range

        parse_model: None | str | Unset
        if isinstance(self.parse_model, Unset):
            parse_model = UNSET
        elif isinstance(self.parse_model, ParseModel):
            parse_model = self.parse_model.value
        else:
            parse_model = self.parse_model

        priority: None | str | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        elif isinstance(self.priority, Priority):
            priority = self.priority.value
        else:
            priority = self.priority

        system_prompt: None | str | Unset
        if isinstance(self.system_prompt, Unset):
            system_prompt = UNSET
        else:
            system_prompt = self.system_prompt

        use_reasoning: bool | None | Unset
        if isinstance(self.use_reasoning, Unset):
            use_reasoning = UNSET
        else:
            use_reasoning = self.use_reasoning

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if chunk_mode is not UNSET:
            field_dict["chunk_mode"] = chunk_mode
        if citation_bbox is not UNSET:
            field_dict["citation_bbox"] = citation_bbox
        if cite_sources is not UNSET:
            field_dict["cite_sources"] = cite_sources
        if confidence_scores is not UNSET:
            field_dict["confidence_scores"] = confidence_scores
        if extract_model is not UNSET:
            field_dict["extract_model"] = extract_model
        if extraction_mode is not UNSET:
            field_dict["extraction_mode"] = extraction_mode
        if extraction_target is not UNSET:
            field_dict["extraction_target"] = extraction_target
        if high_resolution_mode is not UNSET:
            field_dict["high_resolution_mode"] = high_resolution_mode
        if invalidate_cache is not UNSET:
            field_dict["invalidate_cache"] = invalidate_cache
        if multimodal_fast_mode is not UNSET:
            field_dict["multimodal_fast_mode"] = multimodal_fast_mode
        if num_pages_context is not UNSET:
            field_dict["num_pages_context"] = num_pages_context
        if page_range is not UNSET:
            field_dict["page_range"] = page_range
        if parse_model is not UNSET:
            field_dict["parse_model"] = parse_model
        if priority is not UNSET:
            field_dict["priority"] = priority
        if system_prompt is not UNSET:
            field_dict["system_prompt"] = system_prompt
        if use_reasoning is not UNSET:
            field_dict["use_reasoning"] = use_reasoning

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_chunk_mode(data: object) -> ChunkMode | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                chunk_mode_type_0 = ChunkMode(data)

                return chunk_mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ChunkMode | None | Unset, data)

        chunk_mode = _parse_chunk_mode(d.pop("chunk_mode", UNSET))

        def _parse_citation_bbox(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        citation_bbox = _parse_citation_bbox(d.pop("citation_bbox", UNSET))

        def _parse_cite_sources(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        cite_sources = _parse_cite_sources(d.pop("cite_sources", UNSET))

        def _parse_confidence_scores(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        confidence_scores = _parse_confidence_scores(d.pop("confidence_scores", UNSET))

        def _parse_extract_model(data: object) -> ExtractModel | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                extract_model_type_0 = ExtractModel(data)

                return extract_model_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExtractModel | None | Unset, data)

        extract_model = _parse_extract_model(d.pop("extract_model", UNSET))

        def _parse_extraction_mode(data: object) -> ExtractionMode | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                extraction_mode_type_0 = ExtractionMode(data)

                return extraction_mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExtractionMode | None | Unset, data)

        extraction_mode = _parse_extraction_mode(d.pop("extraction_mode", UNSET))

        def _parse_extraction_target(data: object) -> ExtractionTarget | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                extraction_target_type_0 = ExtractionTarget(data)

                return extraction_target_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExtractionTarget | None | Unset, data)

        extraction_target = _parse_extraction_target(d.pop("extraction_target", UNSET))

        def _parse_high_resolution_mode(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        high_resolution_mode = _parse_high_resolution_mode(
            d.pop("high_resolution_mode", UNSET)
        )

        def _parse_invalidate_cache(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        invalidate_cache = _parse_invalidate_cache(d.pop("invalidate_cache", UNSET))

        def _parse_multimodal_fast_mode(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        multimodal_fast_mode = _parse_multimodal_fast_mode(
            d.pop("multimodal_fast_mode", UNSET)
        )

        def _parse_num_pages_context(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        num_pages_context = _parse_num_pages_context(d.pop("num_pages_context", UNSET))

        def _parse_page_range(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        page_range = _parse_page_range(d.pop("page_range", UNSET))

        def _parse_parse_model(data: object) -> None | ParseModel | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parse_model_type_0 = ParseModel(data)

                return parse_model_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ParseModel | Unset, data)

        parse_model = _parse_parse_model(d.pop("parse_model", UNSET))

        def _parse_priority(data: object) -> None | Priority | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                priority_type_0 = Priority(data)

                return priority_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Priority | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

        def _parse_system_prompt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        system_prompt = _parse_system_prompt(d.pop("system_prompt", UNSET))

        def _parse_use_reasoning(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        use_reasoning = _parse_use_reasoning(d.pop("use_reasoning", UNSET))

        extract_config = cls(
            chunk_mode=chunk_mode,
            citation_bbox=citation_bbox,
            cite_sources=cite_sources,
            confidence_scores=confidence_scores,
            extract_model=extract_model,
            extraction_mode=extraction_mode,
            extraction_target=extraction_target,
            high_resolution_mode=high_resolution_mode,
            invalidate_cache=invalidate_cache,
            multimodal_fast_mode=multimodal_fast_mode,
            num_pages_context=num_pages_context,
            page_range=page_range,
            parse_model=parse_model,
            priority=priority,
            system_prompt=system_prompt,
            use_reasoning=use_reasoning,
        )

        extract_config.additional_properties = d
        return extract_config

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
