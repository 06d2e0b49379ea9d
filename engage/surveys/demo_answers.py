"""How the demo clinic's participants answer "What should we work on this year?".

Plausible, not real: Spanish speakers answer less often than their share of the panel
(they are a third of it) and put same-day interpreters first; English speakers, the
largest group, rarely need one, so over everyone interpreter access comes about 4th.
The equity views of the priorities pages are meant to show exactly that gap.
"""

from __future__ import annotations

import random
from typing import Any

# Of the participants who agreed to texts, the share who answer, by preferred language.
RESPONSE_RATE = {"en": 0.93, "es": 0.45, "vi": 0.45, "zh_Hans": 0.75, "ar": 0.80}
SMS_SHARE = 0.4

# How strongly each group leans to each issue; a ranking draws without replacement,
# in proportion to these (a Plackett-Luce model), so the top 3 vary person to person.
ISSUE_WEIGHTS = {
    "en": {
        "wait_times": 10,
        "evening_hours": 8,
        "bp_diabetes": 7,
        "mental_health": 6,
        "food_housing": 4,
        "crc_screening": 3,
        "text_reminders": 3,
        "interpreter": 1.5,
    },
    "es": {
        "interpreter": 24,
        "food_housing": 7,
        "wait_times": 6,
        "text_reminders": 6,
        "evening_hours": 5,
        "bp_diabetes": 4,
        "mental_health": 2,
        "crc_screening": 2,
    },
    "vi": {
        "interpreter": 9,
        "text_reminders": 8,
        "wait_times": 7,
        "bp_diabetes": 5,
        "evening_hours": 4,
        "crc_screening": 4,
        "food_housing": 3,
        "mental_health": 1.5,
    },
    "zh_Hans": {
        "wait_times": 8,
        "interpreter": 7,
        "text_reminders": 7,
        "bp_diabetes": 6,
        "crc_screening": 4,
        "evening_hours": 4,
        "food_housing": 2,
        "mental_health": 1.5,
    },
    "ar": {
        "interpreter": 9,
        "food_housing": 8,
        "wait_times": 6,
        "text_reminders": 5,
        "mental_health": 4,
        "bp_diabetes": 3,
        "evening_hours": 3,
        "crc_screening": 2,
    },
}

# "How hard is it to get care?", 1 very easy to 5 very hard: weights of each point.
ACCESS_WEIGHTS = {
    "en": [14, 30, 28, 20, 8],
    "es": [5, 15, 27, 33, 20],
    "vi": [6, 18, 30, 30, 16],
    "zh_Hans": [8, 22, 32, 26, 12],
    "ar": [5, 15, 30, 32, 18],
}
NEEDED_INTERPRETER = {"en": 0.04, "es": 0.8, "vi": 0.72, "zh_Hans": 0.62, "ar": 0.78}
OWN_LANGUAGE = {"es": "spanish", "vi": "vietnamese", "zh_Hans": "chinese", "ar": "arabic"}
IDEA_SHARE = 0.35

IDEAS = {
    "en": [
        "Answer the phone faster in the morning.",
        "Open on Saturdays, even just for a few hours.",
        "Let me book appointments online.",
        "Send a text the day before my appointment.",
        "More parking near the Riverside entrance.",
        "Tell us how long the wait is when we check in.",
        "A nurse line I can call after 5 pm.",
        "Same doctor every time, please.",
        "Help with bus passes to get to appointments.",
        "Walk-in hours for simple things like refills.",
        "Check on people after a hospital stay.",
        "A quiet room for kids while parents are seen.",
        "Mail the colon test kit without having to ask.",
        "More time with the doctor, I always feel rushed.",
        "Group classes for diabetes with healthy cooking.",
    ],
    "es": [
        "Tener intérpretes en persona, no solo por teléfono.",
        "Que la recepcionista hable español.",
        "Citas por la tarde para los que trabajamos.",
        "Mandar los recordatorios en español.",
        "Más ayuda para encontrar comida cuando no alcanza.",
        "Que no cancelen la cita si llego unos minutos tarde.",
        "Explicar los resultados de laboratorio en palabras sencillas.",
        "Un grupo de apoyo para mamás en español.",
        "Ayuda para llenar los papeles del seguro.",
        "Que el doctor me llame cuando tenga los resultados.",
        "Abrir los sábados.",
        "Más médicos que hablen español.",
        "Información sobre ayuda con la renta.",
        "Que las recetas estén listas más rápido.",
        "Clases de cocina saludable para la diabetes.",
    ],
    "vi": [
        "Cần thêm thông dịch viên tiếng Việt.",
        "Gửi tin nhắn nhắc hẹn bằng tiếng Việt.",
        "Giờ khám buổi tối để người đi làm có thể đến.",
        "Giải thích kết quả xét nghiệm rõ ràng hơn.",
        "Rút ngắn thời gian chờ khi gọi điện thoại.",
        "Có nhân viên giúp điền giấy tờ bảo hiểm.",
        "Mở cửa vào cuối tuần.",
        "Hướng dẫn dùng thuốc bằng tiếng Việt.",
        "Lớp học về tiểu đường cho người lớn tuổi.",
        "Đặt lịch hẹn qua tin nhắn.",
        "Bác sĩ dành nhiều thời gian hơn cho bệnh nhân.",
        "Có người hướng dẫn khi đến phòng khám lần đầu.",
        "Nhắc lịch tầm soát ung thư.",
        "Giúp tìm chỗ ở giá rẻ.",
        "Có chỗ đậu xe gần hơn.",
    ],
    "zh_Hans": [
        "希望有会说普通话的医生。",
        "短信提醒请用中文。",
        "缩短电话等候时间。",
        "晚上和周末也开门。",
        "化验结果请用中文解释。",
        "希望能在网上预约。",
        "药物说明希望有中文版本。",
        "多一些糖尿病健康讲座。",
        "前台希望有会说粤语的工作人员。",
        "老人看病希望有人陪同翻译。",
        "减少候诊时间。",
        "提供免费的血压测量。",
        "帮助申请医疗保险。",
        "检测盒可以直接寄到家里。",
        "增加心理健康方面的服务。",
    ],
    "ar": [
        "نحتاج إلى مترجم عربي في كل موعد.",
        "إرسال رسائل التذكير باللغة العربية.",
        "مواعيد مسائية للعاملين.",
        "طبيبة للنساء إن أمكن.",
        "شرح نتائج التحاليل بلغة بسيطة.",
        "المساعدة في إيجاد سكن بسعر مناسب.",
        "تقليل وقت الانتظار على الهاتف.",
        "الفتح يوم السبت.",
        "معلومات عن بنوك الطعام القريبة.",
        "نشرات عن الأدوية باللغة العربية.",
        "دعم نفسي للعائلات القادمة حديثًا.",
        "المساعدة في أوراق التأمين الصحي.",
        "الحجز عبر الرسائل النصية.",
        "وقت أطول مع الطبيب.",
        "دروس عن التغذية الصحية لمرضى السكري.",
    ],
}


def draw_ranking(rng: random.Random, weights: dict[str, float], top_n: int = 3) -> list[str]:
    """Pick ``top_n`` issues in order, each in proportion to its weight among those left."""
    left = dict(weights)
    ranking = []
    for _ in range(top_n):
        keys = list(left)
        key = rng.choices(keys, weights=[left[k] for k in keys])[0]
        ranking.append(key)
        del left[key]
    return ranking


def respondent_answers(rng: random.Random, language: str) -> tuple[str, dict[str, Any]] | None:
    """The channel and answers (by question key) of one participant, or None if silent."""
    language = language if language in RESPONSE_RATE else "en"
    if rng.random() >= RESPONSE_RATE[language]:
        return None
    channel = "sms" if rng.random() < SMS_SHARE else "web"
    needed = rng.random() < NEEDED_INTERPRETER[language]
    weights = dict(ISSUE_WEIGHTS[language])
    if needed and language == "en":
        weights["interpreter"] *= 6  # an English speaker who needed one (ASL, a relative)
    values: dict[str, Any] = {
        "top3": draw_ranking(rng, weights),
        "access": rng.choices(range(1, 6), weights=ACCESS_WEIGHTS[language])[0],
        "needed_interpreter": needed,
    }
    if rng.random() < IDEA_SHARE:
        values["idea"] = rng.choice(IDEAS[language])
    if needed and rng.random() < 0.9:  # optional: a few skip it
        own = OWN_LANGUAGE.get(language) or rng.choice(["asl", "other", "spanish"])
        values["interpreter_languages"] = [own]
    return channel, values
