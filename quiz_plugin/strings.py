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
        "unanswered": "Not answered yet: {list}. Answer them first.",
        "not_answered": "Not answered yet",
        "statement": "Statement",
        "scale_1": "Strongly disagree",
        "scale_2": "Disagree",
        "scale_3": "Neither agree nor disagree",
        "scale_4": "Agree",
        "scale_5": "Strongly agree",
        "save": "Save my answers",
        "saved": "Your answers are saved in this browser.",
        "questionnaire_intro": "There are no right or wrong answers: choose how far you agree with each statement.",
        "phase_before": "Answer this once, before the lessons: your first answers are recorded.",
        "phase_after": "Answer this once, after the lessons: your first answers are recorded and compared with your answers before the module.",
        "answers_later": "The right answers are shown in the check after the module.",
        "recorded": "Recorded on {date}. To answer again, clear your progress on the My progress page.",
        "col_questions": "Questions",
        "col_before": "Before",
        "col_after": "After",
        "col_change": "Change",
        "all_questions": "All questions",
        "change_none": "Nothing to compare yet: take the check before the module first.",
        "handover_nickname": "Nickname (optional: leave it empty to stay anonymous)",
        "handover_file": "Download my results file",
        "handover_code": "Show my results code",
        "handover_code_label": "Your results code",
        "handover_code_help": "Send this code to your trainer, for example in a text message. Spaces do not matter.",
        "handover_copy": "Copy the code",
        "handover_copied": "The code is copied.",
        "handover_made": "Your results file is made ({name}): send it to your trainer.",
        "handover_nothing": "Nothing to hand over yet: take the check before the module first.",
        "report_files": "Results files",
        "report_codes": "Results codes, one per line",
        "report_add_codes": "Add the codes",
        "report_print": "Print the report",
        "report_csv": "Download as CSV",
        "report_clear": "Start again",
        "report_empty": "No results yet: open the participants' files or type their codes.",
        "report_status": "Participants in the report: {count}.",
        "report_class": "The class",
        "report_participants": "Participants",
        "report_took_before": "Took the check before the module",
        "report_took_after": "Took the check after the module",
        "report_avg_before": "Average before",
        "report_avg_after": "Average after",
        "report_avg_change": "Average change (participants who took both)",
        "report_by_lesson": "Change per lesson",
        "report_by_question": "Questions, hardest first",
        "report_share_note": "Share of right answers; a partly right answer counts in part.",
        "report_attitudes": "Attitude statements",
        "report_agree_before": "Agree, before",
        "report_agree_after": "Agree, after",
        "report_mean_before": "Average (1–5), before",
        "report_mean_after": "Average (1–5), after",
        "report_attitudes_note": "“Agree” counts the answers “Agree” and “Strongly agree”. The average runs from 1 (strongly disagree) to 5 (strongly agree).",
        "report_people": "Participants",
        "report_col_participant": "Participant",
        "report_col_source": "From",
        "report_anonymous": "Participant {n}",
        "report_code_n": "code {n}",
        "report_skipped": "Not added",
        "report_not_results": "not a results file of this site",
        "report_foreign": "made for another version of the checks",
        "report_damaged": "damaged or changed after it was made",
        "report_mistyped": "mistyped: its check letters do not match; ask for the code again",
        "report_not_code": "not a results code",
        "report_duplicate": "the same participant as {other}",
        "report_too_large": "larger than {size} KB, which no results file is",
        "report_code_too_long": "too long for a results code (at most {size} characters)",
        "report_bad_field": "damaged: {field} does not hold what the checks write",
        "report_noscript": "The class report is made in your browser with JavaScript, which is off.",
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
        "unanswered": "უპასუხოდ დარჩა: {list}. ჯერ მათ უპასუხეთ.",
        "not_answered": "ჯერ არ გიპასუხიათ",
        "statement": "დებულება",
        "scale_1": "სრულიად არ ვეთანხმები",
        "scale_2": "არ ვეთანხმები",
        "scale_3": "არც ვეთანხმები, არც არ ვეთანხმები",
        "scale_4": "ვეთანხმები",
        "scale_5": "სრულიად ვეთანხმები",
        "save": "ჩემი პასუხების შენახვა",
        "saved": "თქვენი პასუხები ამ ბრაუზერში შეინახა.",
        "questionnaire_intro": "აქ სწორი ან არასწორი პასუხი არ არსებობს: აირჩიეთ, რამდენად ეთანხმებით თითოეულ დებულებას.",
        "phase_before": "უპასუხეთ ერთხელ, გაკვეთილების დაწყებამდე: ჩაიწერება თქვენი პირველი პასუხები.",
        "phase_after": "უპასუხეთ ერთხელ, გაკვეთილების შემდეგ: ჩაიწერება თქვენი პირველი პასუხები და შედარდება მოდულამდე გაცემულ პასუხებს.",
        "answers_later": "სწორ პასუხებს მოდულის ბოლოს ჩატარებულ შემოწმებაში ნახავთ.",
        "recorded": "ჩაწერილია: {date}. თავიდან პასუხის გასაცემად წაშალეთ პროგრესი გვერდზე „ჩემი პროგრესი“.",
        "col_questions": "კითხვები",
        "col_before": "მოდულამდე",
        "col_after": "მოდულის შემდეგ",
        "col_change": "ცვლილება",
        "all_questions": "ყველა კითხვა",
        "change_none": "შესადარებელი ჯერ არაფერია: ჯერ მოდულამდე შემოწმება გაიარეთ.",
        "handover_nickname": "მეტსახელი (არასავალდებულო: ანონიმურობისთვის დატოვეთ ცარიელი)",
        "handover_file": "შედეგების ფაილის ჩამოტვირთვა",
        "handover_code": "შედეგების კოდის ჩვენება",
        "handover_code_label": "თქვენი შედეგების კოდი",
        "handover_code_help": "გაუგზავნეთ ეს კოდი ტრენერს, მაგალითად, SMS-ით. ჰარეებს მნიშვნელობა არ აქვს.",
        "handover_copy": "კოდის კოპირება",
        "handover_copied": "კოდი დაკოპირდა.",
        "handover_made": "შედეგების ფაილი შეიქმნა ({name}): გაუგზავნეთ ის ტრენერს.",
        "handover_nothing": "გადასაცემი ჯერ არაფერია: ჯერ მოდულამდე შემოწმება გაიარეთ.",
        "report_files": "შედეგების ფაილები",
        "report_codes": "შედეგების კოდები, თითო სტრიქონზე თითო",
        "report_add_codes": "კოდების დამატება",
        "report_print": "ანგარიშის ამობეჭდვა",
        "report_csv": "CSV ფაილად ჩამოტვირთვა",
        "report_clear": "თავიდან დაწყება",
        "report_empty": "შედეგები ჯერ არ არის: გახსენით მონაწილეების ფაილები ან ჩაწერეთ მათი კოდები.",
        "report_status": "ანგარიშში მონაწილეების რაოდენობა: {count}.",
        "report_class": "ჯგუფი",
        "report_participants": "მონაწილეები",
        "report_took_before": "გაიარა შემოწმება მოდულამდე",
        "report_took_after": "გაიარა შემოწმება მოდულის შემდეგ",
        "report_avg_before": "საშუალო მოდულამდე",
        "report_avg_after": "საშუალო მოდულის შემდეგ",
        "report_avg_change": "საშუალო ცვლილება (ვინც ორივე შემოწმება გაიარა)",
        "report_by_lesson": "ცვლილება გაკვეთილების მიხედვით",
        "report_by_question": "კითხვები, ყველაზე რთულიდან",
        "report_share_note": "სწორი პასუხების წილი; ნაწილობრივ სწორი პასუხი ნაწილობრივ ითვლება.",
        "report_attitudes": "დამოკიდებულების დებულებები",
        "report_agree_before": "ეთანხმება, მოდულამდე",
        "report_agree_after": "ეთანხმება, მოდულის შემდეგ",
        "report_mean_before": "საშუალო (1–5), მოდულამდე",
        "report_mean_after": "საშუალო (1–5), მოდულის შემდეგ",
        "report_attitudes_note": "„ეთანხმება“ მოიცავს პასუხებს „ვეთანხმები“ და „სრულიად ვეთანხმები“. საშუალო იზომება 1-დან (სრულიად არ ვეთანხმები) 5-მდე (სრულიად ვეთანხმები).",
        "report_people": "მონაწილეები",
        "report_col_participant": "მონაწილე",
        "report_col_source": "წყარო",
        "report_anonymous": "მონაწილე {n}",
        "report_code_n": "კოდი {n}",
        "report_skipped": "არ დაემატა",
        "report_not_results": "ეს ამ საიტის შედეგების ფაილი არ არის",
        "report_foreign": "შექმნილია შემოწმებების სხვა ვერსიისთვის",
        "report_damaged": "დაზიანებულია ან შექმნის შემდეგ შეიცვალა",
        "report_mistyped": "შეცდომით არის აკრეფილი: საკონტროლო სიმბოლოები არ ემთხვევა; სთხოვეთ კოდი ხელახლა",
        "report_not_code": "ეს შედეგების კოდი არ არის",
        "report_duplicate": "იგივე მონაწილეა, რაც {other}",
        "report_too_large": "{size} კბ-ზე დიდია, შედეგების ფაილი კი ასეთი დიდი არ არის",
        "report_code_too_long": "შედეგების კოდისთვის ძალიან გრძელია (მაქსიმუმ {size} სიმბოლო)",
        "report_bad_field": "დაზიანებულია: {field} არ შეიცავს იმას, რასაც შემოწმება წერს",
        "report_noscript": "ჯგუფის ანგარიში თქვენს ბრაუზერში JavaScript-ით იქმნება, ის კი გამორთულია.",
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
        "unanswered": "Без ответа: {list}. Сначала ответьте на них.",
        "not_answered": "Ещё нет ответа",
        "statement": "Утверждение",
        "scale_1": "Совсем нет",
        "scale_2": "Скорее нет",
        "scale_3": "Ни да, ни нет",
        "scale_4": "Скорее да",
        "scale_5": "Полностью да",
        "save": "Сохранить мои ответы",
        "saved": "Ваши ответы сохранены в этом браузере.",
        "questionnaire_intro": "Правильных и неправильных ответов здесь нет: выберите, насколько вы согласны с каждым утверждением.",
        "phase_before": "Ответьте один раз, до уроков: записываются ваши первые ответы.",
        "phase_after": "Ответьте один раз, после уроков: записываются ваши первые ответы, и они сравниваются с ответами до модуля.",
        "answers_later": "Правильные ответы будут показаны в проверке после модуля.",
        "recorded": "Записано: {date}. Чтобы ответить заново, сотрите прогресс на странице «Мой прогресс».",
        "col_questions": "Вопросы",
        "col_before": "До модуля",
        "col_after": "После модуля",
        "col_change": "Изменение",
        "all_questions": "Все вопросы",
        "change_none": "Сравнивать пока нечего: сначала пройдите проверку до модуля.",
        "handover_nickname": "Псевдоним (необязательно: оставьте пустым, если не хотите называть себя)",
        "handover_file": "Скачать файл с результатами",
        "handover_code": "Показать код результатов",
        "handover_code_label": "Ваш код результатов",
        "handover_code_help": "Отправьте этот код тренеру, например в SMS. Пробелы не важны.",
        "handover_copy": "Скопировать код",
        "handover_copied": "Код скопирован.",
        "handover_made": "Файл с результатами создан ({name}): отправьте его тренеру.",
        "handover_nothing": "Передавать пока нечего: сначала пройдите проверку до модуля.",
        "report_files": "Файлы с результатами",
        "report_codes": "Коды результатов, по одному в строке",
        "report_add_codes": "Добавить коды",
        "report_print": "Распечатать отчёт",
        "report_csv": "Скачать в формате CSV",
        "report_clear": "Начать заново",
        "report_empty": "Результатов пока нет: откройте файлы участников или введите их коды.",
        "report_status": "Участников в отчёте: {count}.",
        "report_class": "Группа",
        "report_participants": "Участники",
        "report_took_before": "Прошли проверку до модуля",
        "report_took_after": "Прошли проверку после модуля",
        "report_avg_before": "В среднем до модуля",
        "report_avg_after": "В среднем после модуля",
        "report_avg_change": "Среднее изменение (у прошедших обе проверки)",
        "report_by_lesson": "Изменение по урокам",
        "report_by_question": "Вопросы, начиная с самых трудных",
        "report_share_note": "Доля правильных ответов; частично правильный ответ засчитывается частично.",
        "report_attitudes": "Утверждения об отношении",
        "report_agree_before": "Согласны, до модуля",
        "report_agree_after": "Согласны, после модуля",
        "report_mean_before": "Среднее (1–5), до модуля",
        "report_mean_after": "Среднее (1–5), после модуля",
        "report_attitudes_note": "«Согласны» — это ответы «Скорее да» и «Полностью да». Среднее — от 1 («Совсем нет») до 5 («Полностью да»).",
        "report_people": "Участники",
        "report_col_participant": "Участник",
        "report_col_source": "Откуда",
        "report_anonymous": "Участник {n}",
        "report_code_n": "код {n}",
        "report_skipped": "Не добавлены",
        "report_not_results": "это не файл результатов этого сайта",
        "report_foreign": "создан для другой версии проверок",
        "report_damaged": "повреждён или изменён после создания",
        "report_mistyped": "введён с ошибкой: контрольные символы не совпадают; попросите код ещё раз",
        "report_not_code": "это не код результатов",
        "report_duplicate": "тот же участник, что и {other}",
        "report_too_large": "больше {size} КБ, а файлы результатов такими не бывают",
        "report_code_too_long": "слишком длинный для кода результатов (не более {size} символов)",
        "report_bad_field": "повреждён: {field} содержит не то, что записывает проверка",
        "report_noscript": "Отчёт по группе создаётся в вашем браузере с помощью JavaScript, а он выключен.",
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
QUIZ_RUNTIME_KEYS = ("question", "statement", "unanswered", "not_answered", "verdict_correct", "verdict_partial",
                     "verdict_wrong", "score", "passed", "failed", "review", "best", "no_storage", "saved",
                     "answers_later", "recorded")


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


def page_strings(strings: dict[str, str], report: bool = False) -> dict[str, str]:
    """The strings of a page's progress parts (a language's strings, as strings_for gives them); the class report's
    own only on the class report page."""
    return {key: value for key, value in strings.items() if report or not key.startswith("report_")}
