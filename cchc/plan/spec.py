"""The plan format `cchc-plan/1`, declared once.

This table is the single source of truth for the format: the loader validates plan files
against it (`cchc.plan.loader`) and `cchc schema` prints it as JSON Schema (`cchc.plan.schema`).
Field names are ASCII; values keep the plan's Vietnamese wording.
"""

from __future__ import annotations

from typing import Union

from cchc.record import field, record

#: The province agency registry kept beside plans (`plans/<tỉnh>/agencies.yaml`): not a plan file.
REGISTRY_NAME = "agencies.yaml"
FORMAT = "cchc-plan/1"

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
COLUMN_KEY_PATTERN = r"^[a-z][a-z0-9_]*$"

#: Column keys with a meaning of their own; any other key is kept in an item's `extra`.
COLUMN_KEYS = {
    "number": "Số thứ tự (TT/STT)",
    "objective": "Mục tiêu / Chỉ tiêu / Nội dung",
    "task": "Nhiệm vụ, giải pháp",
    "activity": "Hoạt động",
    "output": "Kết quả / Sản phẩm",
    "lead": "Cơ quan chủ trì",
    "support": "Cơ quan phối hợp",
    "start": "Thời gian thực hiện",
    "due": "Thời gian hoàn thành",
    "funding": "Kinh phí",
    "note": "Ghi chú",
}

ITEM_KINDS = ("objective", "task", "activity")
#: Who issues a plan: a province or centrally-run city (the default), a district (until 2025-06-30),
#: a commune or ward, a department (sở) for its own units, or a ministry (bộ).
ISSUER_LEVELS = ("province", "district", "commune", "department", "ministry")
STATUSES = ("not_started", "in_progress", "done", "cancelled")
#: Keys of `progress.occurrences`: the period of one occurrence of a repetition, as
#: `cchc.schedule.deadlines.occurrence_key` names it (`2025-03`, `2025-Q2`, `2025`, else its due day).
OCCURRENCE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-\d{2}-\d{2})?$"


@record
class Scalar:
    """A YAML scalar read as `kind`: str (any scalar's text), int, date (YYYY-MM-DD) or bool."""

    kind: str = "str"
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    const: str | None = None


@record
class ListOf:
    of: Type


@record
class MapOf:
    """A mapping from ASCII keys to text, or to `of` values; keys match `keys` when given."""

    of: Type | None = None
    keys: str | None = None


@record
class Ref:
    """A named object type (see OBJECTS)."""

    name: str


Type = Union[Scalar, ListOf, MapOf, Ref]


@record
class Field:
    type: Type
    doc: str
    required: bool = False
    attr: str | None = None  # model attribute when it differs from the YAML key


@record
class Obj:
    name: str
    doc: str
    fields: dict[str, Field] = field(default_factory=dict)


TEXT = Scalar("str")
TEXTS = ListOf(TEXT)
DATE = Scalar("date")
YEAR = Scalar("int")

OBJECTS: dict[str, Obj] = {}


def _obj(name: str, doc: str, **fields: Field) -> Obj:
    obj = Obj(name, doc, dict(fields))
    OBJECTS[name] = obj
    return obj


PLAN_FILE = _obj(
    "plan_file",
    "Một kế hoạch CCHC (A provincial administrative-reform plan and its annex table).",
    format=Field(Scalar(const=FORMAT), f"Format version, always `{FORMAT}`.", required=True),
    plan=Field(Ref("meta"), "Document metadata.", required=True, attr="meta"),
    annex=Field(Ref("annex"), "The annex table: title and column labels.", required=True),
    sections=Field(ListOf(Ref("section")), "Sections (I, II …) of the annex, in order.", required=True),
)

_obj(
    "meta",
    "Document metadata, as written on the document.",
    issuer=Field(TEXT, "Cơ quan ban hành, e.g. `UBND tỉnh Tuyên Quang`, `UBND xã Minh Xuân`, `Sở Nội vụ`."),
    issuer_level=Field(
        Scalar(enum=ISSUER_LEVELS),
        "Cấp ban hành: `province` (tỉnh, thành phố trực thuộc trung ương; the default when omitted), "
        "`district`, `commune`, `department` (sở), `ministry` (bộ). Group words in agency cells are read "
        "relative to it: in a commune's own plan `UBND xã` is that commune's committee.",
    ),
    province=Field(
        TEXT,
        "Tỉnh or thành phố the plan belongs to, e.g. `Tuyên Quang`, `Hồ Chí Minh`; "
        "required unless `issuer_level` is `ministry`.",
    ),
    kind=Field(TEXT, "Loại văn bản, e.g. `Kế hoạch` or `Quyết định`."),
    number=Field(TEXT, "Số văn bản as written, e.g. `268/KH-UBND` (may be blank in a draft)."),
    date=Field(DATE, "Ngày ban hành (YYYY-MM-DD); omit while unknown."),
    title=Field(TEXT, "Trích yếu (title).", required=True),
    period=Field(Ref("period"), "Years the plan covers.", required=True),
    signer=Field(TEXT, "Người ký / chức vụ."),
)

_obj(
    "period",
    "Years the plan covers: one year (start = end) or several.",
    start=Field(YEAR, "First year.", required=True),
    end=Field(YEAR, "Last year.", required=True),
)

_obj(
    "annex",
    "The annex (phụ lục) table as the province issues it.",
    title=Field(TEXT, "Annex name, e.g. `NỘI DUNG, PHÂN CÔNG TRÁCH NHIỆM …`.", required=True),
    subtitle=Field(TEXT, "The italic line under the title as written, `(Kèm theo Kế hoạch số …)`."),
    columns=Field(ListOf(Ref("column")), "Column labels in the plan's own order.", required=True),
    column_numbers=Field(Scalar("bool"), "True when the table has a row numbering its columns (1, 2, 3 …)."),
)

_obj(
    "column",
    "One column of the annex: which item field it shows, and its label as printed.",
    key=Field(
        Scalar(pattern=COLUMN_KEY_PATTERN),
        "Field shown: " + ", ".join(f"`{k}`" for k in COLUMN_KEYS) + "; another key shows `extra.<key>`.",
        required=True,
    ),
    label=Field(TEXT, "Header label exactly as printed, e.g. `CƠ QUAN CHỦ TRÌ`.", required=True),
)

_obj(
    "section",
    "A section (I, II …) or lettered group (A, B …); sections nest at any depth.",
    id=Field(Scalar(pattern=ID_PATTERN), "Optional stable id."),
    number=Field(TEXT, "Displayed number: `I`, `II`, `A` …", required=True),
    title=Field(TEXT, "Section title as written.", required=True),
    note=Field(TEXT, "Free note."),
    sections=Field(ListOf(Ref("section")), "Nested sections or groups."),
    items=Field(ListOf(Ref("item")), "Items of this section, in order."),
)

_obj(
    "item",
    "A row (or merged block of rows) of the annex: objective, task or activity. "
    "Responsibility fields set on an item apply to its children that do not set their own "
    "(a merged cell is written once).",
    id=Field(Scalar(pattern=ID_PATTERN), "Stable id, unique in the plan, independent of `number`.", required=True),
    number=Field(TEXT, "Displayed number (TT/STT) as written."),
    kind=Field(
        Scalar(enum=ITEM_KINDS), "Which text column `text` belongs to (default: the first of them the annex has)."
    ),
    text=Field(TEXT, "Mục tiêu / nhiệm vụ / hoạt động as written."),
    output=Field(TEXT, "Kết quả / sản phẩm."),
    lead=Field(TEXTS, "Cơ quan chủ trì, one entry per agency as written."),
    support=Field(TEXTS, "Cơ quan phối hợp, one entry per agency as written."),
    start=Field(TEXT, "Thời gian thực hiện, as written."),
    due=Field(TEXT, "Thời gian hoàn thành, as written."),
    funding=Field(TEXT, "Kinh phí."),
    note=Field(TEXT, "Ghi chú."),
    extra=Field(MapOf(), "Cells of columns without a meaning of their own, by column key."),
    source=Field(MapOf(), "Original cell text by column key, where the stored value was cleaned from it."),
    repairs=Field(TEXTS, "What an importer changed or decided for this item, for the reviewer."),
    due_date=Field(DATE, "Override: the due date when the wording cannot say it."),
    start_date=Field(DATE, "Override: the start date when the wording cannot say it."),
    event_date=Field(DATE, "The day the event the time text waits on happened (`Sau khi …`)."),
    progress=Field(Ref("progress"), "Tracking: state, done date, evidence."),
    items=Field(ListOf(Ref("item")), "Children: tasks of an objective, activities of a task."),
)

_obj(
    "progress",
    "Tiến độ thực hiện.",
    status=Field(
        Scalar(enum=STATUSES),
        "not_started (chưa thực hiện), in_progress (đang thực hiện), done (hoàn thành), cancelled (hủy bỏ).",
        required=True,
    ),
    done_date=Field(DATE, "Ngày hoàn thành."),
    evidence=Field(TEXT, "Văn bản / sản phẩm chứng minh, e.g. `Quyết định số 12/QĐ-UBND`."),
    note=Field(TEXT, "Ghi chú."),
    occurrences=Field(
        MapOf(Ref("occurrence"), keys=OCCURRENCE_PATTERN),
        "Recurring items: each completed occurrence by its period, `2025-03` (month), `2025-Q2` (quarter), "
        "`2025` (year).",
    ),
)

_obj(
    "occurrence",
    "One completed occurrence of a recurring item (`Hàng tháng`, `Quý IV hàng năm` …).",
    done_date=Field(DATE, "Ngày hoàn thành kỳ này.", required=True),
    evidence=Field(TEXT, "Văn bản / sản phẩm chứng minh."),
    note=Field(TEXT, "Ghi chú."),
)
