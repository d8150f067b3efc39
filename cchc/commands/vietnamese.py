"""click's and typer's own words in Vietnamese: usage errors, "did you mean", help boilerplate.

cchc's users are Vietnamese whatever the locale of the machine (often `C` or `en_US` on a
department's PC or in CI). typer (0.28) runs on its own copy of click (`typer._click`), which
writes most of its messages as fixed English f-strings ("No such option: --x", "Missing
argument 'PLAN'.", "Option '--today' requires an argument.") and a few through `gettext`
(`_("Commands")`, `_("No such command {name!r}.")`, "[default: …]"). So the translation is in
two parts, both here:

- `CATALOG`/`PLURALS`: the gettext messages, given to the typer and click modules that look
  them up (`install()`), in place of the process-wide lookup (nothing else in the process
  changes: git, run by `cchc diff`, keeps its own locale);
- `MESSAGES`: patterns for the fixed English messages, applied by `message()` when
  `cchc.cli`'s group and command classes show a usage error, with the usage line (`Cách dùng:`),
  the help hint and `Lỗi:` written by them; the help option, typer's completion options and the
  usage line's `[OPTIONS]` get Vietnamese there too.

`tests/test_vietnamese.py` runs the usual mistakes through the command line and checks that
no English reaches the user.
"""

from __future__ import annotations

import re
import sys

#: click's and typer's messages (their msgids, exactly) → Vietnamese. Placeholders are kept.
CATALOG: dict[str, str] = {
    # exceptions and usage
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: '{command} {option}'.",
    "Usage:": "Cách dùng:",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "Missing argument": "Thiếu đối số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing command.": "Thiếu tên lệnh.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "unknown error": "lỗi không rõ",
    "Aborted!": "Đã dừng.",
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "Đối số {name!r} cần {nargs} giá trị.",
    "Invalid start character for option ({option})": "Ký tự đầu không hợp lệ cho tùy chọn ({option})",
    # help
    "Show this message and exit.": "In hướng dẫn này rồi thoát.",
    "Show the version and exit.": "In phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Options": "Tùy chọn",
    "Arguments": "Đối số",
    "Positional arguments": "Đối số",
    "Commands": "Lệnh",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "required": "bắt buộc",
    "(dynamic)": "(tính khi chạy)",
    "deprecated": "không còn dùng",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Cảnh báo: lệnh {name!r} không còn được dùng.{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "Cảnh báo: {param_type} {name!r} không còn được dùng.{extra_message}"
    ),
    "Do you want to continue?": "Tiếp tục?",
    "Confirm the action without prompting.": "Xác nhận mà không hỏi lại.",
    # parameter types
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is not readable.": "Không đọc được {name} {filename!r}.",
    "{name} {filename!r} is not writable.": "Không ghi được {name} {filename!r}.",
    "{name} {filename!r} is not executable.": "Không chạy được {name} {filename!r}.",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là số hợp lệ.",
    "{value} is not in the range {range}.": "{value} không nằm trong khoảng {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} không phải giá trị có/không. Các giá trị nhận được: {states}"
    ),
    "{value!r} is not a valid UUID.": "{value!r} không phải UUID hợp lệ.",
    # prompts and completion
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai giá trị đã nhập không khớp.",
    "Error: invalid input": "Lỗi: giá trị nhập không hợp lệ",
    "Press any key to continue...": "Nhấn phím bất kỳ để tiếp tục…",
    "Shell completion is not supported for Bash versions older than 4.4.": (
        "Bash cũ hơn 4.4 không hỗ trợ tự hoàn thành (shell completion)."
    ),
    "Couldn't detect Bash version, shell completion is not supported.": (
        "Không nhận ra phiên bản Bash; không hỗ trợ tự hoàn thành (shell completion)."
    ),
}

#: Plural messages: (singular msgid, plural msgid) → (Vietnamese for one, for several).
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Thừa đối số ({args})",
        "Thừa đối số ({args})",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Có phải bạn muốn {possibility}?",
        "(Có phải bạn muốn một trong: {possibilities}?)",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "Tùy chọn {name!r} cần một giá trị.",
        "Tùy chọn {name!r} cần {nargs} giá trị.",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "Cần {nargs} giá trị nhưng chỉ có 1.",
        "Cần {nargs} giá trị nhưng có {len}.",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} không phải {choice}.",
        "{value!r} không phải một trong {choices}.",
    ),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."): (
        "{value!r} không đúng định dạng {format}.",
        "{value!r} không đúng định dạng nào trong {formats}.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "Cần {len_type} giá trị, nhưng có {len_value}.",
        "Cần {len_type} giá trị, nhưng có {len_value}.",
    ),
}

#: Help texts typer gives its own options (not gettext messages).
TRANSLATED_HELP: dict[str, str] = {
    "Install completion for the current shell.": "Cài tự hoàn thành (completion) cho shell đang dùng.",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "In mã tự hoàn thành cho shell đang dùng, để chép hoặc tự cài."
    ),
    "Install completion for the specified shell.": "Cài tự hoàn thành cho shell đã chọn.",
    "Show completion for the specified shell, to copy it or customize the installation.": (
        "In mã tự hoàn thành cho shell đã chọn, để chép hoặc tự cài."
    ),
}

#: The usage line's placeholders.
OPTIONS_METAVAR = "[TÙY CHỌN]"
COMMAND_METAVAR = "LỆNH [ĐỐI SỐ]..."

#: The help option's help, and the words around an error.
HELP_OPTION = "In hướng dẫn này rồi thoát."
USAGE_PREFIX = "Cách dùng: "
ERROR_PREFIX = "Lỗi: "
HINT = "Xem hướng dẫn: '{command} {option}'."

_NAME = r"(?P<name>'[^']*'|\S+)"
_PARAMS = r"(?P<name>'[^']*'(?: / '[^']*')*)"

#: The fixed English messages of typer's click, as patterns → Vietnamese (`message()`).
MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), replacement)
    for pattern, replacement in (
        (
            r"^No such option: (?P<name>\S+) \(Possible options: (?P<alts>.+)\)$",
            r"Không có tùy chọn \g<name> (có phải: \g<alts>?)",
        ),
        (r"^No such option: (?P<name>.+)$", r"Không có tùy chọn \g<name>"),
        (r"^(?P<head>Không có lệnh .+?)\. Did you mean (?P<alts>.+)\?$", r"\g<head>. Có phải bạn muốn \g<alts>?"),
        (r"^Missing argument " + _PARAMS + r"\.$", r"Thiếu đối số \g<name>."),
        (r"^Missing option " + _PARAMS + r"\.$", r"Thiếu tùy chọn \g<name>."),
        (r"^Missing parameter " + _PARAMS + r"\.$", r"Thiếu tham số \g<name>."),
        (r"^Missing parameter: (?P<name>.+)$", r"Thiếu tham số \g<name>"),
        (r"^Option " + _NAME + r" requires an argument\.$", r"Tùy chọn \g<name> cần một giá trị."),
        (r"^Option " + _NAME + r" requires (?P<n>\d+) arguments\.$", r"Tùy chọn \g<name> cần \g<n> giá trị."),
        (r"^Option " + _NAME + r" does not take a value\.$", r"Tùy chọn \g<name> không nhận giá trị."),
        (r"^Argument " + _NAME + r" takes (?P<n>\d+) values\.$", r"Đối số \g<name> cần \g<n> giá trị."),
        (r"^Got unexpected extra argument\(s\) \((?P<args>.*)\)$", r"Thừa đối số: \g<args>"),
        (r"^Invalid value for " + _PARAMS + r": (?P<rest>.+)$", r"Giá trị không hợp lệ cho \g<name>: \g<rest>"),
        (r"^Invalid value: (?P<rest>.+)$", r"Giá trị không hợp lệ: \g<rest>"),
        (r"^Could not open file (?P<name>'[^']*'): (?P<rest>.+)$", r"Không mở được tệp \g<name>: \g<rest>"),
        (r"^Value must be an iterable\.$", "Giá trị phải là một danh sách."),
        (r"^Takes (?P<n>\d+) values but (?P<m>\d+) given\.$", r"Cần \g<n> giá trị nhưng có \g<m>."),
    )
)

#: Parts of a message (after its head was translated): what a value is not.
DETAILS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?P<v>'[^']*'|\S+) is not a valid (?:integer|int range|int)\.", r"\g<v> không phải là số nguyên hợp lệ."),
        (r"(?P<v>'[^']*'|\S+) is not a valid (?:float|float range)\.", r"\g<v> không phải là số hợp lệ."),
        (r"(?P<v>'[^']*'|\S+) is not a valid boolean\.?", r"\g<v> không phải là giá trị có/không."),
        (r"(?P<v>'[^']*'|\S+) is not a valid (?P<t>[\w ]+)\.", r"\g<v> không hợp lệ (\g<t>)."),
        (r"(?P<v>\S+) is not in the range (?P<r>.+)\.", r"\g<v> không nằm trong khoảng \g<r>."),
        (r"(?P<v>'[^']*'|\S+) is not one of (?P<c>.+)\.", r"\g<v> không phải một trong \g<c>."),
        (r"(?P<v>'[^']*'|\S+) is not (?P<c>'[^']*')\.", r"\g<v> không phải \g<c>."),
        (r"(?P<v>'[^']*'|\S+) does not match the formats? (?P<f>.+)\.", r"\g<v> không đúng định dạng \g<f>."),
        (r"^(?P<what>File|Directory|Path) (?P<n>'[^']*') does not exist\.", r"\g<what> \g<n> không tồn tại."),
    )
)


def gettext(message: str) -> str:
    """`message` in Vietnamese when the catalogue has it, else as it is."""
    return CATALOG.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    found = PLURALS.get((singular, plural))
    if found is None:
        return singular if n == 1 else plural
    return found[0] if n == 1 else found[1]


def install() -> None:
    """Give the loaded typer and click modules that look messages up with gettext the Vietnamese
    catalogue (idempotent; no module is imported for it)."""
    import gettext as gnu

    for name, module in list(sys.modules.items()):
        if module is None or not (name.startswith(("typer", "click"))):
            continue
        if getattr(module, "_", None) is gnu.gettext:
            module._ = gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gnu.ngettext:
            module.ngettext = ngettext  # type: ignore[attr-defined]


def message(text: str) -> str:
    """A usage error's message in Vietnamese (the fixed English of typer's click; see `MESSAGES`)."""
    for pattern, replacement in MESSAGES:
        found = pattern.match(text)
        if found is not None:
            text = found.expand(replacement)
            break
    for pattern, replacement in DETAILS:
        text = pattern.sub(replacement, text)
    return text


def translate_help(text: str | None) -> str | None:
    return TRANSLATED_HELP.get(text, text) if text else text
