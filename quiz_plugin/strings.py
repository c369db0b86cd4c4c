"""Interface strings of the quiz in English, Georgian and Russian, chosen by the page's language. A site adds a
language or changes a string in its configuration (`strings:`); a string missing in a language is shown in English,
and the MkDocs adapter warns about it at build time."""

from __future__ import annotations

import re
import string

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "check": "Check answers",
        "retry": "Try again",
        "answer": "Show the answer",
        "correct_answer": "Correct answer",
        "correct_order": "Correct order",
        "correct_pairs": "Correct pairs",
        "accepted": "Accepted answers",
        "true": "True",
        "false": "False",
        "your_answer": "Your answer",
        "position": "Position",
        "choose": "Choose…",
        "verdict_correct": "Correct",
        "verdict_partial": "Partly correct",
        "verdict_wrong": "Not correct",
        "score": "Your score: {score} of {total} ({percent}%).",
        "passed": "Passed: the pass mark is {pass}%.",
        "failed": "Not passed yet: the pass mark is {pass}%. Read the explanations and try again.",
        "pass_mark": "Pass mark: {pass}%.",
        "drawn": "{count} questions are drawn at random from a larger set on each attempt.",
        "best": "Your best score so far: {percent}%.",
        "review": "Review your mistakes",
        "unanswered": "Answer every question before checking. Unanswered: {count}.",
        "scenario": "Scenario",
        "question": "Question",
        "saved_locally": "Your progress is saved only in this browser.",
        "no_storage": "This browser does not allow saving: your progress will not be kept after you leave the page.",
        "col_lesson": "Lesson",
        "col_time": "Reading time",
        "col_status": "Status",
        "col_best": "Best score",
        "minutes": "{n} min",
        "status_none": "Not started",
        "status_tried": "Not passed yet",
        "status_passed": "Passed",
        "reset": "Clear my progress",
        "reset_confirm": "Clear all quiz progress saved in this browser?",
        "reset_done": "Your progress has been cleared.",
        "completion_locked": "Pass every lesson quiz to unlock the completion summary. Passed so far: {passed} of {total}.",
        "name": "Your name (stays on this device)",
        "print": "Print the completion summary",
        "summary_title": "Completion summary",
        "summary_text": "{name} has completed the training module with the following quiz scores.",
        "date": "Date",
        "noscript": "Quizzes are checked in your browser with JavaScript. Without it, open “Show the answer” under each question.",
    },
    "ka": {
        "check": "პასუხების შემოწმება",
        "retry": "ხელახლა ცდა",
        "answer": "პასუხის ნახვა",
        "correct_answer": "სწორი პასუხი",
        "correct_order": "სწორი თანმიმდევრობა",
        "correct_pairs": "სწორი წყვილები",
        "accepted": "მისაღები პასუხები",
        "true": "მართალია",
        "false": "მცდარია",
        "your_answer": "თქვენი პასუხი",
        "position": "ადგილი",
        "choose": "აირჩიეთ…",
        "verdict_correct": "სწორია",
        "verdict_partial": "ნაწილობრივ სწორია",
        "verdict_wrong": "არასწორია",
        "score": "თქვენი შედეგი: {score} / {total} ({percent}%).",
        "passed": "ჩაბარებულია: გამსვლელი ზღვარია {pass}%.",
        "failed": "ჯერ არ არის ჩაბარებული: გამსვლელი ზღვარია {pass}%. წაიკითხეთ განმარტებები და სცადეთ თავიდან.",
        "pass_mark": "გამსვლელი ზღვარი: {pass}%.",
        "drawn": "ყოველ ცდაზე {count} კითხვა შემთხვევით შეირჩევა უფრო დიდი ნაკრებიდან.",
        "best": "თქვენი საუკეთესო შედეგი: {percent}%.",
        "review": "შეცდომების გადახედვა",
        "unanswered": "შემოწმებამდე უპასუხეთ ყველა კითხვას. უპასუხო: {count}.",
        "scenario": "სცენარი",
        "question": "კითხვა",
        "saved_locally": "თქვენი პროგრესი ინახება მხოლოდ ამ ბრაუზერში.",
        "no_storage": "ეს ბრაუზერი არ იძლევა შენახვის საშუალებას: გვერდის დატოვების შემდეგ პროგრესი არ შეინახება.",
        "col_lesson": "გაკვეთილი",
        "col_time": "კითხვის დრო",
        "col_status": "სტატუსი",
        "col_best": "საუკეთესო შედეგი",
        "minutes": "{n} წთ",
        "status_none": "არ დაწყებულა",
        "status_tried": "ჯერ არ არის ჩაბარებული",
        "status_passed": "ჩაბარებულია",
        "reset": "ჩემი პროგრესის წაშლა",
        "reset_confirm": "წაიშალოს ამ ბრაუზერში შენახული ტესტების მთელი პროგრესი?",
        "reset_done": "თქვენი პროგრესი წაიშალა.",
        "completion_locked": "შეჯამების გასახსნელად ჩააბარეთ ყველა გაკვეთილის ტესტი. ჩაბარებულია: {passed} / {total}.",
        "name": "თქვენი სახელი (რჩება ამ მოწყობილობაზე)",
        "print": "შეჯამების ამობეჭდვა",
        "summary_title": "კურსის დასრულების შეჯამება",
        # No case ending on the name: Georgian would need a different one for each name typed ("ნინომ", "დავითმა").
        "summary_text": "სასწავლო მოდული დაასრულა: {name}. ტესტების შედეგები:",
        "date": "თარიღი",
        "noscript": "ტესტები მოწმდება თქვენს ბრაუზერში JavaScript-ით. მის გარეშე გახსენით „პასუხის ნახვა“ ყოველი კითხვის ქვეშ.",
    },
    "ru": {
        "check": "Проверить ответы",
        "retry": "Попробовать снова",
        "answer": "Показать ответ",
        "correct_answer": "Правильный ответ",
        "correct_order": "Правильный порядок",
        "correct_pairs": "Правильные пары",
        "accepted": "Принимаемые ответы",
        "true": "Верно",
        "false": "Неверно",
        "your_answer": "Ваш ответ",
        "position": "Место",
        "choose": "Выберите…",
        "verdict_correct": "Правильно",
        "verdict_partial": "Частично правильно",
        "verdict_wrong": "Неправильно",
        "score": "Ваш результат: {score} из {total} ({percent}%).",
        "passed": "Тест сдан: проходной балл {pass}%.",
        "failed": "Тест пока не сдан: проходной балл {pass}%. Прочитайте пояснения и попробуйте снова.",
        "pass_mark": "Проходной балл: {pass}%.",
        "drawn": "При каждой попытке {count} вопросов выбираются случайно из большего набора.",
        "best": "Ваш лучший результат: {percent}%.",
        "review": "Разбор ошибок",
        "unanswered": "Ответьте на все вопросы перед проверкой. Без ответа: {count}.",
        "scenario": "Сценарий",
        "question": "Вопрос",
        "saved_locally": "Ваш прогресс сохраняется только в этом браузере.",
        "no_storage": "Этот браузер не разрешает сохранение: прогресс не сохранится после ухода со страницы.",
        "col_lesson": "Урок",
        "col_time": "Время чтения",
        "col_status": "Статус",
        "col_best": "Лучший результат",
        "minutes": "{n} мин",
        "status_none": "Не начат",
        "status_tried": "Пока не сдан",
        "status_passed": "Сдан",
        "reset": "Очистить мой прогресс",
        "reset_confirm": "Удалить весь прогресс тестов, сохранённый в этом браузере?",
        "reset_done": "Ваш прогресс удалён.",
        "completion_locked": "Сдайте тесты всех уроков, чтобы открыть итоговую сводку. Сдано: {passed} из {total}.",
        "name": "Ваше имя (остаётся на этом устройстве)",
        "print": "Распечатать итоговую сводку",
        "summary_title": "Итоговая сводка",
        "summary_text": "{name} завершил(а) учебный модуль со следующими результатами тестов.",
        "date": "Дата",
        "noscript": "Тесты проверяются в браузере с помощью JavaScript. Без него откройте «Показать ответ» под каждым вопросом.",
    },
}


# The strings quiz.js shows while a reader takes a quiz. Only these travel with each quiz, in its data island; the
# rest are written into the page's HTML, or belong to the progress page (which gets them all).
QUIZ_RUNTIME_KEYS = ("question", "unanswered", "verdict_correct", "verdict_partial", "verdict_wrong", "score",
                     "passed", "failed", "review", "best", "no_storage")


def strings_for(language: str, site: dict[str, dict[str, str]] | None = None) -> dict[str, str]:
    """Every interface string in a language: English, then what ships for the language, then the site's own
    (`strings:` in the plugin's configuration; `pt-BR` also takes what is given for `pt`). Keys that none of them
    gives stay English: missing_strings() names them.

    >>> strings_for("ka")["check"], strings_for("ka-GE")["check"], strings_for("de")["check"]
    ('პასუხების შემოწმება', 'პასუხების შემოწმება', 'Check answers')
    >>> strings_for("de", {"de": {"check": "Antworten prüfen"}})["check"]
    'Antworten prüfen'
    """
    table = {**STRINGS["en"], **(site or {}).get("en", {})}  # the site's English wording also where it falls back
    for source in (STRINGS, site or {}):
        for code in _codes(language):
            table.update(source.get(code, {}))
    return table


def missing_strings(language: str, site: dict[str, dict[str, str]] | None = None) -> list[str]:
    """The keys shown in English in a language because neither the package nor the site translates them.

    >>> missing_strings("ru"), missing_strings("en")
    ([], [])
    >>> "check" in missing_strings("de"), missing_strings("de", {"de": dict(STRINGS["ru"])})
    (True, [])
    """
    given = {key for source in (STRINGS, site or {}) for code in _codes(language) for key in source.get(code, {})}
    if "en" in _codes(language):
        return []
    return [key for key in STRINGS["en"] if key not in given]


def site_strings(site):
    """The `strings:` setting as typed: YAML reads the keys `true:` and `false:` as booleans; turn them back.

    >>> site_strings({"ru": {True: "Верно", "check": "Проверить"}})
    {'ru': {'true': 'Верно', 'check': 'Проверить'}}
    """
    if not isinstance(site, dict):
        return site
    return {language: {str(key).lower() if isinstance(key, bool) else key: text for key, text in table.items()}
            if isinstance(table, dict) else table for language, table in site.items()}


def check_site_strings(site: dict) -> list[str]:
    """Problems with a site's `strings:` setting, one line each: unknown keys (a typo would change nothing),
    and placeholders that differ from English ({score} in the English text must stay {score}).

    >>> check_site_strings({"ka": {"check": "შემოწმება"}})
    []
    >>> check_site_strings({"de": {"chek": "Prüfen", "score": "{punkte} von {total}"}})[0]
    "strings: de: unknown key 'chek'; the keys are the names in quiz_plugin/strings.py, for example 'check'"
    """
    problems = []
    if not isinstance(site, dict):
        return [f"strings: expected a mapping of language codes to strings, not {type(site).__name__}"]
    for language, table in site.items():
        if not isinstance(table, dict):
            problems.append(f"strings: {language}: expected a mapping of keys to text, not {type(table).__name__}")
            continue
        for key, text in table.items():
            if key not in STRINGS["en"]:
                problems.append(f"strings: {language}: unknown key '{key}'; the keys are the names in "
                                "quiz_plugin/strings.py, for example 'check'")
            elif not isinstance(text, str):
                problems.append(f"strings: {language}: {key}: expected text, not {type(text).__name__}")
            elif placeholders(text) != placeholders(STRINGS["en"][key]):
                expected = ", ".join(sorted(f"{{{name}}}" for name in placeholders(STRINGS["en"][key]))) or "none"
                problems.append(f"strings: {language}: {key}: '{text}' must use the placeholders of the English "
                                f"text, {expected}")
    return problems


def placeholders(text: str) -> set[str] | None:
    """The {names} in a string, or None when its braces do not pair up.

    >>> sorted(placeholders("Your score: {score} of {total}")), placeholders("{oops")
    (['score', 'total'], None)
    """
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def _codes(language: str) -> list[str]:
    """The codes to look a language up by, general first: "pt-BR" -> ["pt", "pt-BR"]; "en_US" -> ["en", "en_US"]."""
    primary = re.split(r"[-_]", language, maxsplit=1)[0]
    return [primary] if primary == language else [primary, language]


def quiz_runtime_strings(strings: dict[str, str]) -> dict[str, str]:
    """The part of a language's strings that travels with each quiz (QUIZ_RUNTIME_KEYS)."""
    return {key: strings[key] for key in QUIZ_RUNTIME_KEYS}
