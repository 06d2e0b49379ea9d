"""The demo clinic's priority-setting survey, "What should we work on this year?".

Built through the same services the builder uses (so it obeys every rule a real survey
does) in all five of the clinic's languages, opened, and answered by a few hundred of
the demo participants who agreed to be contacted. How they answer lives in
:mod:`engage.surveys.demo_answers`; see SCENARIOS.md for the story it tells.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import sqlalchemy as sa

from engage.extensions import db
from engage.people.models import Participant
from engage.surveys.demo_answers import respondent_answers
from engage.surveys.models import Answer, Channel, Response, Survey, Texts
from engage.surveys.question_types import check_answer
from engage.surveys.services import (
    ChoiceInput,
    QuestionInput,
    add_question,
    create_survey,
    find_survey,
    open_survey,
)
from engage.surveys.specs import question_spec

SLUG = "priorities-2027"
LANGUAGES = ["en", "es", "vi", "zh_Hans", "ar"]
# The demo's phones are all in the 555-0100..0199 block reserved for fiction.
DEMO_PHONES = "+1___55501__"


def texts(en: str, es: str, vi: str, zh_hans: str, ar: str) -> Texts:
    """One text in the five languages, in the order the clinic lists them."""
    return {"en": en, "es": es, "vi": vi, "zh_Hans": zh_hans, "ar": ar}


TITLE = texts(
    "What should we work on this year?",
    "¿En qué debemos trabajar este año?",
    "Năm nay chúng tôi nên ưu tiên cải thiện điều gì?",
    "今年我们应该重点改进什么？",
    "ما الذي يجب أن نعمل عليه هذا العام؟",
)
INTRO = texts(
    "Our clinic wants to hear from you. Tell us what matters most to you, and we will tell "
    "you what we change. It takes about 3 minutes.",
    "Nuestra clínica quiere escucharle. Díganos qué es lo más importante para usted y le "
    "contaremos qué cambiamos. Toma unos 3 minutos.",
    "Phòng khám muốn lắng nghe ý kiến của quý vị. Hãy cho chúng tôi biết điều gì quan trọng "
    "nhất với quý vị, và chúng tôi sẽ báo lại những gì đã thay đổi. Chỉ mất khoảng 3 phút.",
    "我们诊所希望听到您的声音。请告诉我们什么对您最重要，我们会告诉您我们做出了哪些改变。"
    "大约需要3分钟。",
    "تريد عيادتنا أن تسمع رأيك. أخبرنا بما يهمك أكثر، وسنخبرك بما سنغيّره. يستغرق ذلك نحو 3 دقائق.",
)
THANK_YOU = texts(
    "Thank you! We read every answer. We will let you know what we decide and what changes.",
    "¡Gracias! Leemos todas las respuestas. Le avisaremos qué decidimos y qué cambia.",
    "Cảm ơn quý vị! Chúng tôi đọc từng câu trả lời và sẽ cho quý vị biết chúng tôi quyết định "
    "gì và những gì sẽ thay đổi.",
    "谢谢您！我们会认真阅读每一份回答，并告诉您我们的决定以及将会做出的改变。",
    "شكرًا لك! نقرأ كل إجابة، وسنخبرك بما نقرره وبما سيتغيّر.",
)

# The eight issues, each a priority the community can push up the clinic's list.
ISSUES = {
    "interpreter": texts(
        "Same-day interpreter access",
        "Intérprete disponible el mismo día",
        "Có thông dịch viên ngay trong ngày",
        "当天就能安排口译员",
        "توفر مترجم في اليوم نفسه",
    ),
    "wait_times": texts(
        "Shorter wait for an appointment",
        "Menos espera para conseguir una cita",
        "Chờ ít hơn để có lịch hẹn",
        "缩短预约等候时间",
        "انتظار أقصر للحصول على موعد",
    ),
    "text_reminders": texts(
        "Text reminders in my language",
        "Recordatorios por mensaje de texto en mi idioma",
        "Tin nhắn nhắc hẹn bằng ngôn ngữ của tôi",
        "用我的语言发送短信提醒",
        "رسائل تذكير نصية بلغتي",
    ),
    "evening_hours": texts(
        "Evening and weekend hours",
        "Horario por la tarde y los fines de semana",
        "Mở cửa buổi tối và cuối tuần",
        "晚间和周末门诊",
        "مواعيد مسائية وفي عطلة نهاية الأسبوع",
    ),
    "food_housing": texts(
        "Help with food and housing",
        "Ayuda con comida y vivienda",
        "Hỗ trợ về thực phẩm và nhà ở",
        "食物和住房方面的帮助",
        "المساعدة في الغذاء والسكن",
    ),
    "crc_screening": texts(
        "Easier colon cancer screening (test kits by mail)",
        "Prueba de cáncer de colon más fácil (kit por correo)",
        "Tầm soát ung thư đại tràng dễ hơn (bộ xét nghiệm gửi qua bưu điện)",
        "更方便的结肠癌筛查（邮寄检测盒）",
        "فحص أسهل لسرطان القولون (أدوات الفحص بالبريد)",
    ),
    "bp_diabetes": texts(
        "Support for blood pressure and diabetes",
        "Apoyo para la presión alta y la diabetes",
        "Hỗ trợ kiểm soát huyết áp và tiểu đường",
        "血压和糖尿病管理支持",
        "دعم لمرضى ضغط الدم والسكري",
    ),
    "mental_health": texts(
        "Follow-up for mental health and depression",
        "Seguimiento de salud mental y depresión",
        "Theo dõi sức khỏe tâm thần và trầm cảm",
        "心理健康和抑郁症的后续跟进",
        "متابعة الصحة النفسية والاكتئاب",
    ),
}

SCALE = {
    "very_easy": texts("Very easy", "Muy fácil", "Rất dễ", "非常容易", "سهل جدًا"),
    "easy": texts("Easy", "Fácil", "Dễ", "容易", "سهل"),
    "neither": texts(
        "Neither easy nor hard",
        "Ni fácil ni difícil",
        "Không dễ cũng không khó",
        "一般",
        "لا سهل ولا صعب",
    ),
    "hard": texts("Hard", "Difícil", "Khó", "困难", "صعب"),
    "very_hard": texts("Very hard", "Muy difícil", "Rất khó", "非常困难", "صعب جدًا"),
}

INTERPRETER_LANGUAGES = {
    "spanish": texts("Spanish", "Español", "Tiếng Tây Ban Nha", "西班牙语", "الإسبانية"),
    "vietnamese": texts("Vietnamese", "Vietnamita", "Tiếng Việt", "越南语", "الفيتنامية"),
    "chinese": texts(
        "Chinese (Mandarin or Cantonese)",
        "Chino (mandarín o cantonés)",
        "Tiếng Trung (Quan Thoại hoặc Quảng Đông)",
        "中文（普通话或粤语）",
        "الصينية (الماندرين أو الكانتونية)",
    ),
    "arabic": texts("Arabic", "Árabe", "Tiếng Ả Rập", "阿拉伯语", "العربية"),
    "asl": texts(
        "American Sign Language",
        "Lengua de señas americana",
        "Ngôn ngữ ký hiệu Mỹ",
        "美国手语",
        "لغة الإشارة الأمريكية",
    ),
    "other": texts("Another language", "Otro idioma", "Ngôn ngữ khác", "其他语言", "لغة أخرى"),
}


def _choices(labels: dict[str, Texts], *, is_priority: bool = False) -> list[ChoiceInput]:
    return [ChoiceInput(key, text, is_priority) for key, text in labels.items()]


QUESTIONS = [
    QuestionInput(
        "top3",
        "ranking",
        texts(
            "Which of these should we work on first? Pick your top 3.",
            "¿En cuáles de estos temas debemos trabajar primero? Elija sus 3 más importantes.",
            "Chúng tôi nên cải thiện điều nào trước? Hãy chọn 3 điều quan trọng nhất.",
            "您希望我们先改进哪些方面？请选出您认为最重要的3项。",
            "أيٌّ من هذه الأمور يجب أن نعمل عليه أولًا؟ اختر أهم 3 منها.",
        ),
        required=True,
        help=texts(
            "Put the most important one first.",
            "Ponga primero el más importante.",
            "Xếp điều quan trọng nhất lên đầu.",
            "请把最重要的一项排在第一位。",
            "ضع الأهم في المرتبة الأولى.",
        ),
        settings={"top_n": 3},
        choices=_choices(ISSUES, is_priority=True),
    ),
    QuestionInput(
        "access",
        "likert",
        texts(
            "How hard is it to get care when you need it?",
            "¿Qué tan difícil es recibir atención médica cuando la necesita?",
            "Khi cần, quý vị thấy việc được khám chữa bệnh khó đến mức nào?",
            "在您需要时，获得医疗服务有多难？",
            "ما مدى صعوبة الحصول على الرعاية الصحية عندما تحتاج إليها؟",
        ),
        required=True,
        choices=_choices(SCALE),
    ),
    QuestionInput(
        "needed_interpreter",
        "yes_no",
        texts(
            "Have you needed an interpreter at a visit in the last year?",
            "En el último año, ¿ha necesitado un intérprete en alguna consulta?",
            "Trong năm qua, quý vị có cần thông dịch viên khi đi khám không?",
            "在过去一年里，您就诊时是否需要过口译员？",
            "هل احتجت إلى مترجم في أي زيارة خلال العام الماضي؟",
        ),
        required=True,
    ),
    QuestionInput(
        "idea",
        "text",
        texts(
            "One idea to make the clinic better",
            "Una idea para mejorar la clínica",
            "Một ý kiến để phòng khám tốt hơn",
            "一个让诊所变得更好的建议",
            "فكرة واحدة لتحسين العيادة",
        ),
        settings={"max_length": 300},
    ),
    QuestionInput(
        "interpreter_languages",
        "multiple",
        texts(
            "Which languages did you need an interpreter for?",
            "¿Para qué idiomas necesitó intérprete?",
            "Quý vị cần thông dịch cho ngôn ngữ nào?",
            "您需要哪种语言的口译？",
            "ما اللغات التي احتجت إلى مترجم لها؟",
        ),
        choices=_choices(INTERPRETER_LANGUAGES),
        show_if={"question": "needed_interpreter", "operator": "equals", "value": "yes"},
    ),
]


def build_priorities_survey(now: datetime) -> Survey:
    """The survey as Dana built it: five weeks before ``now``, open for the last four."""
    survey = create_survey(
        SLUG,
        TITLE,
        base_language="en",
        languages=LANGUAGES,
        intro=INTRO,
        thank_you=THANK_YOU,
        is_priority_setting=True,
    )
    for question in QUESTIONS:
        add_question(survey, question)
    open_survey(survey)
    survey.created_at = survey.current.created_at = now - timedelta(days=35)
    survey.opened_at = now - timedelta(days=28)
    return survey


def _consented_demo_participants() -> list[Participant]:
    participants = db.session.scalars(
        sa.select(Participant)
        .where(Participant.phone.like(DEMO_PHONES), Participant.sms_consent_at.is_not(None))
        .order_by(Participant.phone)
    )
    return [participant for participant in participants if participant.has_sms_consent]


def load_demo_survey(now: datetime) -> dict[str, int]:
    """Create the priorities survey and its responses unless it exists; how many were added.

    Each participant's answers come from a random generator seeded by their phone, so the
    same clinic always gives the same results, whatever else is in the database.
    """
    if find_survey(SLUG) is not None:
        return {"surveys": 0, "responses": 0}
    survey = build_priorities_survey(now)
    version = survey.current
    questions = {question.key: question for question in version.questions}
    specs = {key: question_spec(question) for key, question in questions.items()}
    responses = []
    for participant in _consented_demo_participants():
        rng = random.Random(f"{SLUG}:{participant.phone}")
        drawn = respondent_answers(rng, participant.preferred_language)
        if drawn is None:
            continue  # did not answer: some groups are harder to reach than others
        channel, values = drawn
        started = survey.opened_at + timedelta(minutes=rng.randint(30, 21 * 24 * 60))
        finished = started + timedelta(minutes=rng.randint(2, 9 if channel == "web" else 90))
        answers = {}
        for key, value in values.items():
            answers[key] = check_answer(specs[key], value, answers)  # demo data obeys the rules
        response = Response(
            survey_id=survey.id,
            version_id=version.id,
            participant_id=participant.id,
            channel=Channel(channel),
            language=participant.preferred_language,
            started_at=started,
            updated_at=finished,
            completed_at=finished,
        )
        response.answers = [
            Answer(question=questions[key], value=value, answered_at=finished)
            for key, value in answers.items()
        ]
        responses.append(response)
    db.session.add_all(responses)
    db.session.flush()
    return {"surveys": 1, "responses": len(responses)}
