"""Demo training content: the three culture-of-inquiry modules of the demo clinic.

Valley Community Health Center, with its Eastside and Riverside sites, is the fictional
federally qualified health center of the demo data (see SCENARIOS.md). These are its
three modules, written in plain language for medical assistants, front-desk staff and
nurses: *Curious by default* (asking good questions, PICO, reading data in daily work),
*Small tests of change* (Model for Improvement, PDSA, run charts) and *Patient voice and
equity* (collecting demographic data respectfully, interpreters, stratified results,
"you said, we did"). Each has a Markdown body and a quiz of 4-6 questions.

Every text is a map with the five patient languages: ``en``, ``es`` (Latin American
Spanish), ``vi``, ``zh_Hans`` and ``ar``. Figures are plausible, not real.
"""

from __future__ import annotations

from typing import Any

MODULES: list[dict[str, Any]] = [
    {
        "slug": "curious-by-default",
        "minutes": 15,
        "pass_mark": 80,  # percent
        "max_attempts": None,  # None = unlimited
        "title": {
            "en": "Curious by default",
            "es": "Curiosidad como costumbre",
            "vi": "Luôn giữ tinh thần tò mò",
            "zh_Hans": "保持好奇心",
            "ar": "الفضول هو الأصل",
        },
        "summary": {
            "en": (
                "Ask better questions and use the numbers you already see at work. Learn open and "
                "closed questions, the PICO format and how to read a simple measure."
            ),
            "es": (
                "Haga mejores preguntas y use los datos que ya ve en su trabajo. Aprenda a "
                "distinguir preguntas abiertas y cerradas, el formato PICO y cómo leer un "
                "indicador sencillo."
            ),
            "vi": (
                "Đặt câu hỏi tốt hơn và dùng những con số quý vị vẫn thấy hằng ngày ở nơi làm "
                "việc. Tìm hiểu câu hỏi mở và câu hỏi đóng, cách đặt câu hỏi theo PICO và cách đọc "
                "một chỉ số đơn giản."
            ),
            "zh_Hans": (
                "提出更好的问题，善用工作中已经看到的数据。了解开放式和封闭式问题、PICO 提问格式，"
                "以及如何读懂一个简单的指标。"
            ),
            "ar": (
                "اطرحوا أسئلة أفضل واستخدموا الأرقام التي ترونها أصلًا في عملكم. تعرّفوا على "
                "الأسئلة المفتوحة والمغلقة، وصيغة PICO، وكيفية قراءة مؤشر بسيط."
            ),
        },
        "body": {
            "en": (
                "## Why curiosity matters here\n"
                "\n"
                "Every day you notice things that no report will show for weeks: the patient who "
                "left before being roomed, the phone line that is busy every Monday at 8, the "
                "family that keeps missing follow-up visits. Medical assistants, front-desk staff "
                "and nurses often see problems first.\n"
                "\n"
                "A culture of inquiry means we treat these moments as questions worth asking, not "
                "as complaints to keep to ourselves. Curiosity is not blame. “Why did this "
                "happen?” is a question about how our work is set up, not about who made a "
                "mistake.\n"
                "\n"
                "## Open and closed questions\n"
                "\n"
                "- A **closed question** can be answered with yes, no or one fact: “Did you take "
                "your medicine today?” It is quick and good for checking details.\n"
                "- An **open question** invites the other person to explain: “How has it been "
                "going with your medicine?” It helps you learn what you did not know to ask.\n"
                "\n"
                "Use both. Start open to understand, then use closed questions to confirm. The "
                "same works in team huddles: “What got in our way this morning?” usually teaches "
                "more than “Was the morning OK?”\n"
                "\n"
                "## From a hunch to a question you can answer\n"
                "\n"
                "A hunch such as “Spanish-speaking patients miss more appointments” is a good "
                "start, but it is hard to act on. The PICO format turns it into a question that "
                "data can answer:\n"
                "\n"
                "- **P – Patient or problem:** who are we talking about?\n"
                "- **I – Intervention:** what change are we interested in?\n"
                "- **C – Comparison:** compared with what?\n"
                "- **O – Outcome:** what result will we measure?\n"
                "\n"
                "**Example.** P: Spanish-speaking patients with a booked visit. I: text reminders "
                "in Spanish. C: the current English-only reminders. O: the no-show rate. Put "
                "together: “Do text reminders in the patient's language reduce no-shows among "
                "Spanish-speaking patients compared with English-only reminders?”\n"
                "\n"
                "## Reading the numbers you already see\n"
                "\n"
                "You do not need to be a statistician to use data. Two measures on our huddle "
                "board:\n"
                "\n"
                "- **No-show rate: 18% last month.** About 18 of every 100 booked visits were "
                "missed without the patient cancelling. A rate is a share, not a count.\n"
                "- **Third-next-available appointment: 12 days.** The number of days until the "
                "third open routine appointment. We use the third, not the first, because the "
                "first open slot is often a last-minute cancellation and does not show how long "
                "most patients really wait.\n"
                "\n"
                "When you read any table or chart, ask: What is being counted? Over what period? "
                "For which patients? Is a higher number better or worse?\n"
                "\n"
                "## Ask “what would we expect to see?” first\n"
                "\n"
                "Before you open a new report, write down what you expect. For example: “If "
                "language is part of the problem, the no-show rate should be higher for "
                "Spanish-speaking patients than for English-speaking patients.” A prediction keeps "
                "us honest. When the data surprise us, that surprise is where learning starts.\n"
                "\n"
                "## Try it this week\n"
                "\n"
                "Pick one thing that puzzled you at work. Write it as a PICO question and bring it "
                "to your next huddle.\n"
            ),
            "es": (
                "## Por qué la curiosidad importa aquí\n"
                "\n"
                "Todos los días usted nota cosas que ningún informe mostrará hasta dentro de "
                "semanas: el paciente que se fue antes de pasar al consultorio, la línea "
                "telefónica que está ocupada cada lunes a las 8, la familia que sigue faltando a "
                "las citas de seguimiento. Los asistentes médicos, el personal de recepción y el "
                "personal de enfermería suelen ver los problemas primero.\n"
                "\n"
                "Una cultura de indagación significa tratar esos momentos como preguntas que vale "
                "la pena hacer, no como quejas que nos guardamos. La curiosidad no busca "
                "culpables. “¿Por qué pasó esto?” es una pregunta sobre cómo está organizado "
                "nuestro trabajo, no sobre quién se equivocó.\n"
                "\n"
                "## Preguntas abiertas y cerradas\n"
                "\n"
                "- Una **pregunta cerrada** se responde con sí, no o un solo dato: “¿Tomó hoy su "
                "medicamento?”. Es rápida y sirve para confirmar detalles.\n"
                "- Una **pregunta abierta** invita a la otra persona a explicar: “¿Cómo le ha ido "
                "con su medicamento?”. Le ayuda a descubrir lo que no sabía que tenía que "
                "preguntar.\n"
                "\n"
                "Use las dos. Empiece con preguntas abiertas para entender y luego use preguntas "
                "cerradas para confirmar. Lo mismo funciona en las reuniones breves del equipo: "
                "“¿Qué nos complicó el trabajo esta mañana?” suele enseñar más que “¿Estuvo bien "
                "la mañana?”.\n"
                "\n"
                "## De una corazonada a una pregunta que se pueda responder\n"
                "\n"
                "Una corazonada como “los pacientes hispanohablantes faltan más a sus citas” es un "
                "buen comienzo, pero es difícil actuar a partir de ella. El formato PICO la "
                "convierte en una pregunta que los datos pueden responder:\n"
                "\n"
                "- **P – Paciente o problema:** ¿de quiénes estamos hablando?\n"
                "- **I – Intervención:** ¿qué cambio nos interesa?\n"
                "- **C – Comparación:** ¿comparado con qué?\n"
                "- **O – Resultado (*outcome*):** ¿qué resultado vamos a medir?\n"
                "\n"
                "**Ejemplo.** P: pacientes hispanohablantes con una cita programada. I: "
                "recordatorios por mensaje de texto en español. C: los recordatorios actuales, "
                "solo en inglés. O: la tasa de inasistencia. Todo junto: “¿Los recordatorios por "
                "mensaje de texto en el idioma del paciente reducen las inasistencias entre los "
                "pacientes hispanohablantes, en comparación con los recordatorios solo en "
                "inglés?”\n"
                "\n"
                "## Cómo leer los números que ya ve\n"
                "\n"
                "No hace falta ser estadístico para usar datos. Dos indicadores de nuestro tablero "
                "de reuniones:\n"
                "\n"
                "- **Tasa de inasistencia: 18 % el mes pasado.** Unas 18 de cada 100 citas "
                "programadas se perdieron sin que el paciente cancelara. Una tasa es una "
                "proporción, no un conteo.\n"
                "- **Tercera cita disponible: 12 días.** Es el número de días hasta la tercera "
                "cita de rutina libre. Usamos la tercera, no la primera, porque el primer espacio "
                "libre suele ser una cancelación de último momento y no muestra cuánto esperan en "
                "realidad la mayoría de los pacientes.\n"
                "\n"
                "Cuando lea cualquier tabla o gráfico, pregúntese: ¿Qué se está contando? ¿En qué "
                "período? ¿De qué pacientes? ¿Un número más alto es mejor o peor?\n"
                "\n"
                "## Pregunte primero: “¿Qué esperamos ver?”\n"
                "\n"
                "Antes de abrir un informe nuevo, anote lo que espera. Por ejemplo: “Si el idioma "
                "es parte del problema, la tasa de inasistencia debería ser más alta en los "
                "pacientes hispanohablantes que en los angloparlantes”. Una predicción nos "
                "mantiene honestos. Cuando los datos nos sorprenden, esa sorpresa es donde empieza "
                "el aprendizaje.\n"
                "\n"
                "## Inténtelo esta semana\n"
                "\n"
                "Elija algo que le haya llamado la atención en el trabajo. Escríbalo como una "
                "pregunta PICO y llévelo a su próxima reunión de equipo.\n"
            ),
            "vi": (
                "## Vì sao tinh thần tò mò quan trọng ở đây\n"
                "\n"
                "Mỗi ngày quý vị nhận thấy những điều mà phải vài tuần sau báo cáo mới cho thấy: "
                "bệnh nhân bỏ về trước khi được đưa vào phòng khám, đường dây điện thoại luôn bận "
                "vào 8 giờ sáng thứ Hai, gia đình cứ lỡ các buổi tái khám. Trợ lý y khoa, nhân "
                "viên quầy tiếp tân và điều dưỡng thường là những người thấy vấn đề đầu tiên.\n"
                "\n"
                "Văn hóa đặt câu hỏi có nghĩa là chúng ta xem những lúc như vậy là câu hỏi đáng "
                "đặt ra, chứ không phải lời phàn nàn giữ trong lòng. Tò mò không phải là đổ lỗi. "
                "“Vì sao chuyện này xảy ra?” là câu hỏi về cách công việc được tổ chức, không phải "
                "về việc ai đã làm sai.\n"
                "\n"
                "## Câu hỏi mở và câu hỏi đóng\n"
                "\n"
                "- **Câu hỏi đóng** có thể trả lời bằng có, không hoặc một thông tin: “Hôm nay "
                "ông/bà đã uống thuốc chưa?” Câu hỏi này nhanh và hữu ích để kiểm tra chi tiết.\n"
                "- **Câu hỏi mở** mời người kia giải thích: “Việc uống thuốc của ông/bà dạo này "
                "thế nào?” Câu hỏi này giúp quý vị biết được những điều mình chưa nghĩ tới để "
                "hỏi.\n"
                "\n"
                "Hãy dùng cả hai. Bắt đầu bằng câu hỏi mở để hiểu, sau đó dùng câu hỏi đóng để xác "
                "nhận. Cách này cũng hiệu quả trong các buổi họp nhanh của nhóm: “Sáng nay điều gì "
                "cản trở chúng ta?” thường cho ta biết nhiều hơn “Sáng nay ổn chứ?”\n"
                "\n"
                "## Từ linh cảm đến một câu hỏi có thể trả lời được\n"
                "\n"
                "Một linh cảm như “bệnh nhân nói tiếng Tây Ban Nha hay lỡ hẹn hơn” là khởi đầu "
                "tốt, nhưng khó để hành động. Cấu trúc PICO biến linh cảm đó thành một câu hỏi mà "
                "dữ liệu có thể trả lời:\n"
                "\n"
                "- **P – Bệnh nhân hoặc vấn đề (Patient/Problem):** chúng ta đang nói về ai?\n"
                "- **I – Can thiệp (Intervention):** chúng ta quan tâm đến thay đổi nào?\n"
                "- **C – So sánh (Comparison):** so với điều gì?\n"
                "- **O – Kết quả (Outcome):** chúng ta sẽ đo kết quả nào?\n"
                "\n"
                "**Ví dụ.** P: bệnh nhân nói tiếng Tây Ban Nha có lịch hẹn. I: tin nhắn nhắc hẹn "
                "bằng tiếng Tây Ban Nha. C: tin nhắn nhắc hẹn hiện nay chỉ bằng tiếng Anh. O: tỷ "
                "lệ bỏ hẹn. Ghép lại: “Tin nhắn nhắc hẹn bằng ngôn ngữ của bệnh nhân có làm giảm "
                "tình trạng bỏ hẹn ở bệnh nhân nói tiếng Tây Ban Nha so với tin nhắn chỉ bằng "
                "tiếng Anh không?”\n"
                "\n"
                "## Đọc những con số quý vị vẫn thấy\n"
                "\n"
                "Quý vị không cần là nhà thống kê mới dùng được dữ liệu. Hai chỉ số trên bảng họp "
                "nhanh của chúng ta:\n"
                "\n"
                "- **Tỷ lệ bỏ hẹn: 18% tháng trước.** Khoảng 18 trên mỗi 100 lượt hẹn đã đặt bị bỏ "
                "lỡ mà bệnh nhân không hủy. Tỷ lệ là một phần trong tổng số, không phải số đếm.\n"
                "- **Lịch hẹn trống thứ ba: 12 ngày.** Là số ngày cho đến lịch hẹn khám thường quy "
                "còn trống thứ ba. Chúng ta dùng lịch thứ ba, không phải lịch đầu tiên, vì chỗ "
                "trống đầu tiên thường do ai đó hủy vào phút chót và không cho thấy phần lớn bệnh "
                "nhân thực sự phải chờ bao lâu.\n"
                "\n"
                "Khi đọc bất kỳ bảng hay biểu đồ nào, hãy hỏi: Đang đếm cái gì? Trong khoảng thời "
                "gian nào? Cho những bệnh nhân nào? Con số cao hơn là tốt hơn hay xấu hơn?\n"
                "\n"
                "## Trước tiên hãy hỏi: “Chúng ta dự đoán sẽ thấy gì?”\n"
                "\n"
                "Trước khi mở một báo cáo mới, hãy ghi lại điều quý vị dự đoán. Ví dụ: “Nếu ngôn "
                "ngữ là một phần của vấn đề, tỷ lệ bỏ hẹn ở bệnh nhân nói tiếng Tây Ban Nha sẽ cao "
                "hơn ở bệnh nhân nói tiếng Anh.” Một dự đoán giúp chúng ta trung thực. Khi dữ liệu "
                "làm chúng ta bất ngờ, chính sự bất ngờ đó là nơi việc học bắt đầu.\n"
                "\n"
                "## Thử làm trong tuần này\n"
                "\n"
                "Chọn một điều khiến quý vị thắc mắc ở nơi làm việc. Viết nó thành một câu hỏi "
                "PICO và mang đến buổi họp nhanh lần tới.\n"
            ),
            "zh_Hans": (
                "## 为什么好奇心在这里很重要\n"
                "\n"
                "您每天都会注意到一些要过好几周才会出现在报告里的事情：还没进诊室就离开的病人、"
                "每周一早上 8 点总是占线的电话、一再错过复诊的家庭。医疗助理、"
                "前台工作人员和护士往往最先看到问题。\n"
                "\n"
                "探究文化的意思是：把这些时刻当作值得提出的问题，而不是藏在心里的抱怨。"
                "好奇不等于追究责任。“为什么会这样？”问的是我们的工作流程是怎样安排的，"
                "而不是谁犯了错。\n"
                "\n"
                "## 开放式问题和封闭式问题\n"
                "\n"
                "- **封闭式问题**可以用“是”“不是”或一个事实来回答：“您今天吃药了吗？”这类问题简短，"
                "适合核实细节。\n"
                "- **开放式问题**请对方展开说明：“您最近吃药的情况怎么样？"
                "”它能帮助您了解自己原本没想到要问的事情。\n"
                "\n"
                "两种问题都要用。先用开放式问题了解情况，再用封闭式问题确认。团队晨会也是如此："
                "“今天上午是什么耽误了我们？”通常比“上午还好吗？”更能让人学到东西。\n"
                "\n"
                "## 从直觉到可以回答的问题\n"
                "\n"
                "像“讲西班牙语的病人更容易爽约”这样的直觉是个好的起点，但很难据此采取行动。PICO "
                "格式可以把它变成一个能用数据回答的问题：\n"
                "\n"
                "- **P – 病人或问题（Patient/Problem）**：我们说的是哪些人？\n"
                "- **I – 干预（Intervention）**：我们关注的是什么改变？\n"
                "- **C – 对照（Comparison）**：和什么相比？\n"
                "- **O – 结果（Outcome）**：我们要衡量什么结果？\n"
                "\n"
                "**例子**。P：已预约就诊的讲西班牙语的病人。I：用西班牙语发送的短信提醒。C："
                "目前只用英语的提醒。O：爽约率。合起来就是：“与只用英语的提醒相比，"
                "用病人语言发送的短信提醒能否降低讲西班牙语病人的爽约率？”\n"
                "\n"
                "## 读懂您已经看到的数字\n"
                "\n"
                "使用数据不需要是统计学家。我们晨会看板上的两个指标：\n"
                "\n"
                "- **爽约率：上个月 18%**。每 100 个已预约的就诊中，大约有 18 "
                "个病人既没来也没有取消。比率是一个比例，不是人数。\n"
                "- **第三个可预约时段：12 天**。指距离第三个空出来的常规预约还有多少天。"
                "我们看第三个而不是第一个，是因为第一个空位常常来自临时取消，"
                "并不能反映大多数病人实际要等多久。\n"
                "\n"
                "阅读任何表格或图表时，都要问：统计的是什么？时间范围是多长？针对哪些病人？"
                "数字越高是越好还是越差？\n"
                "\n"
                "## 先问：“我们预期会看到什么？”\n"
                "\n"
                "打开一份新报告之前，先写下您的预期。例如：“如果语言是问题的一部分，"
                "讲西班牙语病人的爽约率应该高于讲英语的病人。”预先做出预测能让我们保持诚实。"
                "当数据出乎意料时，这份意外正是学习的开始。\n"
                "\n"
                "## 本周试一试\n"
                "\n"
                "挑一件在工作中让您感到困惑的事，把它写成一个 PICO 问题，带到下一次团队晨会上。\n"
            ),
            "ar": (
                "## لماذا يهمّ الفضول هنا\n"
                "\n"
                "تلاحظون كل يوم أشياء لن تظهر في أي تقرير إلا بعد أسابيع: المريض الذي غادر قبل "
                "إدخاله إلى غرفة الفحص، وخط الهاتف المشغول كل يوم اثنين في الثامنة صباحًا، والأسرة "
                "التي تفوّت مواعيد المتابعة مرة بعد مرة. وغالبًا ما يكون المساعدون الطبيون وموظفو "
                "الاستقبال وطاقم التمريض أول من يرى المشكلات.\n"
                "\n"
                "ثقافة التساؤل تعني أن نتعامل مع هذه اللحظات على أنها أسئلة تستحق أن تُطرح، لا "
                "شكاوى نحتفظ بها لأنفسنا. والفضول ليس لومًا. فسؤال «لماذا حدث هذا؟» يتعلق بطريقة "
                "تنظيم عملنا، لا بمن أخطأ.\n"
                "\n"
                "## الأسئلة المفتوحة والمغلقة\n"
                "\n"
                "- **السؤال المغلق** يُجاب عنه بنعم أو لا أو بمعلومة واحدة: «هل تناولت دواءك "
                "اليوم؟». وهو سريع ومفيد للتحقق من التفاصيل.\n"
                "- **السؤال المفتوح** يدعو الشخص الآخر إلى الشرح: «كيف تسير أمورك مع الدواء؟». وهو "
                "يساعدكم على معرفة ما لم تفكروا في السؤال عنه.\n"
                "\n"
                "استخدموا النوعين معًا. ابدؤوا بسؤال مفتوح لتفهموا، ثم استخدموا الأسئلة المغلقة "
                "للتأكد. وينطبق الأمر نفسه على الاجتماعات القصيرة للفريق: فسؤال «ما الذي أعاقنا "
                "هذا الصباح؟» يعلّمنا عادةً أكثر من «هل كان الصباح جيدًا؟».\n"
                "\n"
                "## من حدس إلى سؤال يمكن الإجابة عنه\n"
                "\n"
                "الحدس مثل «المرضى الناطقون بالإسبانية يتغيبون عن مواعيدهم أكثر» بداية جيدة، لكن "
                "من الصعب التصرف بناءً عليه. وصيغة PICO تحوّله إلى سؤال يمكن للبيانات أن تجيب "
                "عنه:\n"
                "\n"
                "- **P – المريض أو المشكلة (Patient/Problem):** عمّن نتحدث؟\n"
                "- **I – التدخل (Intervention):** ما التغيير الذي يهمنا؟\n"
                "- **C – المقارنة (Comparison):** مقارنةً بماذا؟\n"
                "- **O – النتيجة (Outcome):** ما النتيجة التي سنقيسها؟\n"
                "\n"
                "**مثال.** P: المرضى الناطقون بالإسبانية الذين لديهم موعد محجوز. I: رسائل تذكير "
                "نصية بالإسبانية. C: رسائل التذكير الحالية بالإنجليزية فقط. O: معدل عدم الحضور. "
                "وعند جمعها: «هل تقلل رسائل التذكير النصية بلغة المريض من حالات عدم الحضور بين "
                "المرضى الناطقين بالإسبانية مقارنةً برسائل التذكير بالإنجليزية فقط؟»\n"
                "\n"
                "## قراءة الأرقام التي ترونها أصلًا\n"
                "\n"
                "لا تحتاجون إلى أن تكونوا خبراء إحصاء لتستخدموا البيانات. إليكم مؤشرين من لوحة "
                "الاجتماع القصير لدينا:\n"
                "\n"
                "- **معدل عدم الحضور: 18% في الشهر الماضي.** أي أن نحو 18 من كل 100 موعد محجوز "
                "فاتت دون أن يلغيها المريض. والمعدل نسبة وليس عددًا.\n"
                "- **ثالث موعد متاح: 12 يومًا.** وهو عدد الأيام حتى ثالث موعد روتيني شاغر. ونستخدم "
                "الموعد الثالث لا الأول، لأن أول موعد شاغر يكون غالبًا نتيجة إلغاء في اللحظة "
                "الأخيرة، ولا يبيّن المدة التي ينتظرها معظم المرضى فعلًا.\n"
                "\n"
                "عند قراءة أي جدول أو رسم بياني، اسألوا: ما الذي يُعدّ؟ وفي أي فترة؟ ولأي مرضى؟ "
                "وهل الرقم الأعلى أفضل أم أسوأ؟\n"
                "\n"
                "## اسألوا أولًا: «ماذا نتوقع أن نرى؟»\n"
                "\n"
                "قبل أن تفتحوا تقريرًا جديدًا، اكتبوا ما تتوقعونه. مثلًا: «إذا كانت اللغة جزءًا من "
                "المشكلة، فينبغي أن يكون معدل عدم الحضور أعلى لدى المرضى الناطقين بالإسبانية منه "
                "لدى الناطقين بالإنجليزية». فالتوقع المسبق يجعلنا صادقين مع أنفسنا. وعندما تفاجئنا "
                "البيانات، تكون تلك المفاجأة هي بداية التعلم.\n"
                "\n"
                "## جرّبوا هذا الأسبوع\n"
                "\n"
                "اختاروا أمرًا واحدًا أثار حيرتكم في العمل. اكتبوه في صورة سؤال بصيغة PICO، "
                "واعرضوه في الاجتماع القصير القادم للفريق.\n"
            ),
        },
        "questions": [
            {
                "kind": "single",
                "text": {
                    "en": "Which of these is an open question to a patient?",
                    "es": "¿Cuál de estas es una pregunta abierta para un paciente?",
                    "vi": "Câu nào sau đây là câu hỏi mở dành cho bệnh nhân?",
                    "zh_Hans": "以下哪一个是向病人提出的开放式问题？",
                    "ar": "أيٌّ مما يلي سؤال مفتوح يُطرح على المريض؟",
                },
                "explanation": {
                    "en": (
                        "An open question invites the patient to explain in their own words, so "
                        "you may learn about problems you did not think to ask about. The other "
                        "questions can be answered with yes, no or one fact."
                    ),
                    "es": (
                        "Una pregunta abierta invita al paciente a explicar con sus propias "
                        "palabras, así que usted puede enterarse de problemas que no pensó en "
                        "preguntar. Las demás preguntas se responden con sí, no o un solo dato."
                    ),
                    "vi": (
                        "Câu hỏi mở mời bệnh nhân giải thích bằng lời của chính họ, nhờ đó quý vị "
                        "có thể biết những vấn đề mình chưa nghĩ tới để hỏi. Các câu còn lại có "
                        "thể trả lời bằng có, không hoặc một thông tin."
                    ),
                    "zh_Hans": (
                        "开放式问题请病人用自己的话来说明，这样您可能会了解到自己没想到要问的问题。"
                        "其他几个问题都可以用“是”“不是”或一个事实来回答。"
                    ),
                    "ar": (
                        "السؤال المفتوح يدعو المريض إلى الشرح بكلماته الخاصة، فقد تعرفون منه "
                        "مشكلات لم تفكروا في السؤال عنها. أما الأسئلة الأخرى فيُجاب عنها بنعم أو "
                        "لا أو بمعلومة واحدة."
                    ),
                },
                "choices": [
                    {
                        "key": "a",
                        "text": {
                            "en": "“Did you take your blood pressure medicine this morning?”",
                            "es": "“¿Tomó esta mañana su medicamento para la presión?”",
                            "vi": "“Sáng nay ông/bà đã uống thuốc huyết áp chưa?”",
                            "zh_Hans": "“您今天早上吃降压药了吗？”",
                            "ar": "«هل تناولت دواء ضغط الدم هذا الصباح؟»",
                        },
                        "correct": False,
                    },
                    {
                        "key": "b",
                        "text": {
                            "en": "“How has it been going with your blood pressure medicine?”",
                            "es": "“¿Cómo le ha ido con su medicamento para la presión?”",
                            "vi": "“Việc uống thuốc huyết áp của ông/bà dạo này thế nào?”",
                            "zh_Hans": "“您最近吃降压药的情况怎么样？”",
                            "ar": "«كيف تسير أمورك مع دواء ضغط الدم؟»",
                        },
                        "correct": True,
                    },
                    {
                        "key": "c",
                        "text": {
                            "en": "“Are you taking the medicine twice a day?”",
                            "es": "“¿Toma el medicamento dos veces al día?”",
                            "vi": "“Ông/bà có uống thuốc ngày hai lần không?”",
                            "zh_Hans": "“您是每天吃两次药吗？”",
                            "ar": "«هل تتناول الدواء مرتين في اليوم؟»",
                        },
                        "correct": False,
                    },
                    {
                        "key": "d",
                        "text": {
                            "en": "“Do you still use the same pharmacy?”",
                            "es": "“¿Sigue usando la misma farmacia?”",
                            "vi": "“Ông/bà vẫn dùng nhà thuốc cũ chứ?”",
                            "zh_Hans": "“您还在用原来那家药房吗？”",
                            "ar": "«هل ما زلت تتعامل مع الصيدلية نفسها؟»",
                        },
                        "correct": False,
                    },
                ],
            },
            {
                "kind": "single",
                "text": {
                    "en": (
                        "In the PICO question “Do text reminders in the patient's language reduce "
                        "no-shows among Spanish-speaking patients compared with English-only "
                        "reminders?”, what is the C (comparison)?"
                    ),
                    "es": (
                        "En la pregunta PICO “¿Los recordatorios por mensaje de texto en el idioma "
                        "del paciente reducen las inasistencias entre los pacientes "
                        "hispanohablantes, en comparación con los recordatorios solo en inglés?”, "
                        "¿cuál es la C (comparación)?"
                    ),
                    "vi": (
                        "Trong câu hỏi PICO “Tin nhắn nhắc hẹn bằng ngôn ngữ của bệnh nhân có làm "
                        "giảm tình trạng bỏ hẹn ở bệnh nhân nói tiếng Tây Ban Nha so với tin nhắn "
                        "chỉ bằng tiếng Anh không?”, C (so sánh) là gì?"
                    ),
                    "zh_Hans": (
                        "在 PICO 问题“与只用英语的提醒相比，用病人语言发送的短信提醒能否降低讲西班"
                        "牙语病人的爽约率？”中，C（对照）是什么？"
                    ),
                    "ar": (
                        "في سؤال PICO «هل تقلل رسائل التذكير النصية بلغة المريض من حالات عدم "
                        "الحضور بين المرضى الناطقين بالإسبانية مقارنةً برسائل التذكير بالإنجليزية "
                        "فقط؟»، ما هو الحرف C (المقارنة)؟"
                    ),
                },
                "explanation": {
                    "en": (
                        "The comparison is what the change is measured against. Reminders in the "
                        "patient's language (I) are compared with the current English-only "
                        "reminders (C); Spanish-speaking patients are P and the no-show rate is O."
                    ),
                    "es": (
                        "La comparación es aquello contra lo que se mide el cambio. Los "
                        "recordatorios en el idioma del paciente (I) se comparan con los "
                        "recordatorios actuales solo en inglés (C); los pacientes hispanohablantes "
                        "son la P y la tasa de inasistencia es la O."
                    ),
                    "vi": (
                        "Phần so sánh là cái mà thay đổi được đối chiếu với. Tin nhắn nhắc hẹn "
                        "bằng ngôn ngữ của bệnh nhân (I) được so với tin nhắn hiện nay chỉ bằng "
                        "tiếng Anh (C); bệnh nhân nói tiếng Tây Ban Nha là P và tỷ lệ bỏ hẹn là O."
                    ),
                    "zh_Hans": (
                        "对照是用来和改变作比较的对象。用病人语言发送的提醒（I）与目前只用英语的提"
                        "醒（C）进行比较；讲西班牙语的病人是 P，爽约率是 O。"
                    ),
                    "ar": (
                        "المقارنة هي ما يُقاس التغيير في مقابله. فرسائل التذكير بلغة المريض (I) "
                        "تُقارَن برسائل التذكير الحالية بالإنجليزية فقط (C)، والمرضى الناطقون "
                        "بالإسبانية هم P، ومعدل عدم الحضور هو O."
                    ),
                },
                "choices": [
                    {
                        "key": "a",
                        "text": {
                            "en": "Spanish-speaking patients",
                            "es": "Los pacientes hispanohablantes",
                            "vi": "Bệnh nhân nói tiếng Tây Ban Nha",
                            "zh_Hans": "讲西班牙语的病人",
                            "ar": "المرضى الناطقون بالإسبانية",
                        },
                        "correct": False,
                    },
                    {
                        "key": "b",
                        "text": {
                            "en": "Text reminders in the patient's language",
                            "es": (
                                "Los recordatorios por mensaje de texto en el idioma del paciente"
                            ),
                            "vi": "Tin nhắn nhắc hẹn bằng ngôn ngữ của bệnh nhân",
                            "zh_Hans": "用病人语言发送的短信提醒",
                            "ar": "رسائل التذكير النصية بلغة المريض",
                        },
                        "correct": False,
                    },
                    {
                        "key": "c",
                        "text": {
                            "en": "English-only reminders",
                            "es": "Los recordatorios solo en inglés",
                            "vi": "Tin nhắn nhắc hẹn chỉ bằng tiếng Anh",
                            "zh_Hans": "只用英语的提醒",
                            "ar": "رسائل التذكير بالإنجليزية فقط",
                        },
                        "correct": True,
                    },
                    {
                        "key": "d",
                        "text": {
                            "en": "The no-show rate",
                            "es": "La tasa de inasistencia",
                            "vi": "Tỷ lệ bỏ hẹn",
                            "zh_Hans": "爽约率",
                            "ar": "معدل عدم الحضور",
                        },
                        "correct": False,
                    },
                ],
            },
            {
                "kind": "single",
                "text": {
                    "en": (
                        "The huddle board shows a no-show rate of 18% last month. What does this "
                        "mean?"
                    ),
                    "es": (
                        "El tablero de la reunión muestra una tasa de inasistencia del 18 % el mes "
                        "pasado. ¿Qué significa esto?"
                    ),
                    "vi": (
                        "Bảng họp nhanh cho thấy tỷ lệ bỏ hẹn tháng trước là 18%. Điều này có "
                        "nghĩa là gì?"
                    ),
                    "zh_Hans": "晨会看板显示上个月的爽约率是 18%。这是什么意思？",
                    "ar": (
                        "تُظهر لوحة الاجتماع القصير أن معدل عدم الحضور في الشهر الماضي كان 18%. "
                        "ماذا يعني ذلك؟"
                    ),
                },
                "explanation": {
                    "en": (
                        "A rate is a share, not a count. 18% means about 18 of every 100 booked "
                        "visits ended as a no-show; the actual number depends on how many visits "
                        "were booked."
                    ),
                    "es": (
                        "Una tasa es una proporción, no un conteo. 18 % significa que unas 18 de "
                        "cada 100 citas programadas terminaron en inasistencia; el número real "
                        "depende de cuántas citas se programaron."
                    ),
                    "vi": (
                        "Tỷ lệ là một phần trong tổng số, không phải số đếm. 18% nghĩa là khoảng "
                        "18 trên mỗi 100 lượt hẹn đã đặt bị bỏ lỡ; con số thực tế tùy thuộc vào "
                        "tổng số lượt hẹn đã đặt."
                    ),
                    "zh_Hans": (
                        "比率是一个比例，不是人数。18% 表示每 100 个已预约的就诊中大约有 18 "
                        "个爽约；实际人数取决于总共预约了多少次就诊。"
                    ),
                    "ar": (
                        "المعدل نسبة وليس عددًا. فنسبة 18% تعني أن نحو 18 من كل 100 موعد محجوز "
                        "انتهت بعدم الحضور، أما العدد الفعلي فيتوقف على عدد المواعيد المحجوزة."
                    ),
                },
                "choices": [
                    {
                        "key": "a",
                        "text": {
                            "en": "Exactly 18 patients missed an appointment last month.",
                            "es": "Exactamente 18 pacientes faltaron a una cita el mes pasado.",
                            "vi": "Đúng 18 bệnh nhân đã lỡ hẹn trong tháng trước.",
                            "zh_Hans": "上个月正好有 18 名病人错过了预约。",
                            "ar": "تغيّب 18 مريضًا بالضبط عن مواعيدهم في الشهر الماضي.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "b",
                        "text": {
                            "en": "18% of all our patients have ever missed a visit.",
                            "es": (
                                "El 18 % de todos nuestros pacientes ha faltado alguna vez a una "
                                "cita."
                            ),
                            "vi": "18% tổng số bệnh nhân của chúng ta đã từng lỡ hẹn.",
                            "zh_Hans": "我们所有病人中有 18% 曾经错过就诊。",
                            "ar": "18% من جميع مرضانا تغيّبوا عن موعد في وقت ما.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "c",
                        "text": {
                            "en": "Visits started 18 minutes late on average.",
                            "es": "Las consultas empezaron en promedio con 18 minutos de retraso.",
                            "vi": "Trung bình các buổi khám bắt đầu trễ 18 phút.",
                            "zh_Hans": "就诊平均推迟 18 分钟开始。",
                            "ar": "بدأت الزيارات متأخرة 18 دقيقة في المتوسط.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "d",
                        "text": {
                            "en": (
                                "About 18 of every 100 booked visits were missed without the "
                                "patient cancelling."
                            ),
                            "es": (
                                "Unas 18 de cada 100 citas programadas se perdieron sin que el "
                                "paciente cancelara."
                            ),
                            "vi": (
                                "Khoảng 18 trên mỗi 100 lượt hẹn đã đặt bị bỏ lỡ mà bệnh nhân "
                                "không hủy."
                            ),
                            "zh_Hans": (
                                "每 100 个已预约的就诊中，大约有 18 个病人既没来也没有取消。"
                            ),
                            "ar": "نحو 18 من كل 100 موعد محجوز فاتت دون أن يلغيها المريض.",
                        },
                        "correct": True,
                    },
                ],
            },
            {
                "kind": "multiple",
                "text": {
                    "en": (
                        "Why do clinics track the third-next-available appointment instead of the "
                        "very next one? (Choose all that apply.)"
                    ),
                    "es": (
                        "¿Por qué las clínicas miden la tercera cita disponible en lugar de la "
                        "primera? (Elija todas las que correspondan.)"
                    ),
                    "vi": (
                        "Vì sao các phòng khám theo dõi lịch hẹn trống thứ ba thay vì lịch trống "
                        "gần nhất? (Chọn tất cả các câu đúng.)"
                    ),
                    "zh_Hans": (
                        "为什么诊所要追踪第三个可预约时段，而不是最近的一个？（选出所有正确答案。）"
                    ),
                    "ar": (
                        "لماذا تتابع العيادات ثالث موعد متاح بدلًا من أقرب موعد متاح؟ (اختاروا كل "
                        "الإجابات الصحيحة.)"
                    ),
                },
                "explanation": {
                    "en": (
                        "One cancellation can make the first open slot look close even when most "
                        "patients wait much longer. Counting to the third open slot smooths out "
                        "these chance openings and gives a truer picture of access."
                    ),
                    "es": (
                        "Una sola cancelación puede hacer que el primer espacio libre parezca "
                        "cercano aunque la mayoría de los pacientes espere mucho más. Contar hasta "
                        "el tercer espacio libre suaviza esos huecos casuales y muestra mejor el "
                        "acceso real."
                    ),
                    "vi": (
                        "Chỉ một lần hủy hẹn cũng có thể làm chỗ trống đầu tiên trông rất gần, dù "
                        "phần lớn bệnh nhân phải chờ lâu hơn nhiều. Đếm đến chỗ trống thứ ba giúp "
                        "loại bớt những chỗ trống ngẫu nhiên đó và phản ánh đúng hơn khả năng tiếp "
                        "cận."
                    ),
                    "zh_Hans": (
                        "一次取消就可能让第一个空位看起来很近，而大多数病人其实要等得久得多。"
                        "数到第三个空位可以排除这些偶然出现的空档，更真实地反映就医的难易程度。"
                    ),
                    "ar": (
                        "قد يجعل إلغاءٌ واحد أول موعد شاغر يبدو قريبًا، مع أن معظم المرضى ينتظرون "
                        "أطول بكثير. والعدّ حتى الموعد الشاغر الثالث يخفف أثر هذه الفرص العارضة "
                        "ويعطي صورة أصدق عن سهولة الحصول على الرعاية."
                    ),
                },
                "choices": [
                    {
                        "key": "a",
                        "text": {
                            "en": (
                                "The next open slot is often a last-minute cancellation that "
                                "appears by chance."
                            ),
                            "es": (
                                "El primer espacio libre suele ser una cancelación de último "
                                "momento que aparece por casualidad."
                            ),
                            "vi": (
                                "Chỗ trống gần nhất thường là do ai đó hủy vào phút chót, xuất "
                                "hiện một cách ngẫu nhiên."
                            ),
                            "zh_Hans": "最近的空位常常来自临时取消，是偶然出现的。",
                            "ar": (
                                "أقرب موعد شاغر يكون غالبًا نتيجة إلغاء في اللحظة الأخيرة يظهر "
                                "بالصدفة."
                            ),
                        },
                        "correct": True,
                    },
                    {
                        "key": "b",
                        "text": {
                            "en": "It only counts new patients, who wait the longest.",
                            "es": (
                                "Solo cuenta a los pacientes nuevos, que son los que más esperan."
                            ),
                            "vi": "Chỉ số này chỉ tính bệnh nhân mới, là những người chờ lâu nhất.",
                            "zh_Hans": "这个指标只统计等待最久的新病人。",
                            "ar": "هذا المؤشر لا يحسب إلا المرضى الجدد، وهم الأطول انتظارًا.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "c",
                        "text": {
                            "en": (
                                "The third open slot gives a steadier picture of how long most "
                                "patients wait."
                            ),
                            "es": (
                                "El tercer espacio libre da una idea más estable de cuánto esperan "
                                "la mayoría de los pacientes."
                            ),
                            "vi": (
                                "Chỗ trống thứ ba cho thấy ổn định hơn phần lớn bệnh nhân phải chờ "
                                "bao lâu."
                            ),
                            "zh_Hans": "第三个空位能更稳定地反映大多数病人要等多久。",
                            "ar": (
                                "الموعد الشاغر الثالث يعطي صورة أكثر ثباتًا عن مدة انتظار معظم "
                                "المرضى."
                            ),
                        },
                        "correct": True,
                    },
                    {
                        "key": "d",
                        "text": {
                            "en": "The third open slot is the one patients are always offered.",
                            "es": (
                                "El tercer espacio libre es el que siempre se ofrece a los "
                                "pacientes."
                            ),
                            "vi": "Chỗ trống thứ ba luôn là chỗ được đề nghị cho bệnh nhân.",
                            "zh_Hans": "第三个空位总是提供给病人的那一个。",
                            "ar": "الموعد الشاغر الثالث هو دائمًا الموعد الذي يُعرض على المرضى.",
                        },
                        "correct": False,
                    },
                ],
            },
            {
                "kind": "multiple",
                "text": {
                    "en": (
                        "Your team will look at no-show rates by preferred language for the first "
                        "time. What should you do before opening the report? (Choose all that "
                        "apply.)"
                    ),
                    "es": (
                        "Su equipo va a revisar por primera vez la tasa de inasistencia según el "
                        "idioma preferido. ¿Qué debe hacer antes de abrir el informe? (Elija todas "
                        "las que correspondan.)"
                    ),
                    "vi": (
                        "Nhóm của quý vị sắp xem tỷ lệ bỏ hẹn theo ngôn ngữ ưu tiên lần đầu tiên. "
                        "Quý vị nên làm gì trước khi mở báo cáo? (Chọn tất cả các câu đúng.)"
                    ),
                    "zh_Hans": (
                        "您的团队将第一次查看按首选语言划分的爽约率。打开报告之前应该做什么？"
                        "（选出所有正确答案。）"
                    ),
                    "ar": (
                        "سيطّلع فريقكم لأول مرة على معدل عدم الحضور بحسب اللغة المفضلة. ماذا ينبغي "
                        "أن تفعلوا قبل فتح التقرير؟ (اختاروا كل الإجابات الصحيحة.)"
                    ),
                },
                "explanation": {
                    "en": (
                        "A written prediction helps you notice when the data surprise you, and "
                        "knowing what is counted keeps you from misreading the chart. Deciding the "
                        "answer in advance, or skipping the prediction, makes it easier to see "
                        "only what you hoped for."
                    ),
                    "es": (
                        "Una predicción por escrito le ayuda a notar cuando los datos le "
                        "sorprenden, y saber qué se cuenta evita que lea mal el gráfico. Decidir "
                        "la respuesta de antemano, u omitir la predicción, hace más fácil ver solo "
                        "lo que uno esperaba."
                    ),
                    "vi": (
                        "Một dự đoán được ghi lại giúp quý vị nhận ra khi dữ liệu gây bất ngờ, và "
                        "biết rõ đang đếm cái gì giúp tránh đọc sai biểu đồ. Quyết định trước câu "
                        "trả lời, hoặc bỏ qua dự đoán, dễ khiến ta chỉ thấy điều mình mong muốn."
                    ),
                    "zh_Hans": (
                        "写下预测能帮助您察觉数据何时出乎意料，弄清统计的是什么则能避免误读图表。"
                        "事先定好答案，或者不做预测，都更容易让人只看到自己希望看到的东西。"
                    ),
                    "ar": (
                        "التوقع المكتوب يساعدكم على ملاحظة ما يفاجئكم في البيانات، ومعرفة ما الذي "
                        "يُعدّ تمنعكم من إساءة قراءة الرسم البياني. أما تحديد الإجابة مسبقًا، أو "
                        "الاستغناء عن التوقع، فيجعل من الأسهل ألا نرى إلا ما كنا نأمله."
                    ),
                },
                "choices": [
                    {
                        "key": "a",
                        "text": {
                            "en": "Decide which result you want, so you know what to look for.",
                            "es": "Decidir qué resultado quiere, para saber qué buscar.",
                            "vi": "Quyết định trước kết quả mình muốn, để biết cần tìm gì.",
                            "zh_Hans": "先决定自己想要什么结果，以便知道要找什么。",
                            "ar": "تحديد النتيجة التي تريدونها، لتعرفوا عمّا تبحثون.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "b",
                        "text": {
                            "en": (
                                "Write down what you expect to see, for example whether "
                                "Spanish-speaking patients will have a higher rate."
                            ),
                            "es": (
                                "Anotar lo que espera ver; por ejemplo, si los pacientes "
                                "hispanohablantes tendrán una tasa más alta."
                            ),
                            "vi": (
                                "Ghi lại điều quý vị dự đoán sẽ thấy, ví dụ bệnh nhân nói tiếng "
                                "Tây Ban Nha có tỷ lệ cao hơn hay không."
                            ),
                            "zh_Hans": (
                                "写下您预期会看到的结果，例如讲西班牙语的病人爽约率是否更高。"
                            ),
                            "ar": (
                                "كتابة ما تتوقعون رؤيته، مثلًا هل سيكون المعدل أعلى لدى المرضى "
                                "الناطقين بالإسبانية."
                            ),
                        },
                        "correct": True,
                    },
                    {
                        "key": "c",
                        "text": {
                            "en": "Avoid making any prediction, so you stay neutral.",
                            "es": "No hacer ninguna predicción, para mantenerse neutral.",
                            "vi": "Không đưa ra dự đoán nào, để giữ khách quan.",
                            "zh_Hans": "不做任何预测，以保持中立。",
                            "ar": "الامتناع عن أي توقع، لتبقوا محايدين.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "d",
                        "text": {
                            "en": (
                                "Check what is being counted, over what period and for which "
                                "patients."
                            ),
                            "es": (
                                "Revisar qué se está contando, en qué período y de qué pacientes."
                            ),
                            "vi": (
                                "Kiểm tra xem đang đếm cái gì, trong khoảng thời gian nào và cho "
                                "những bệnh nhân nào."
                            ),
                            "zh_Hans": "核实统计的是什么、时间范围多长、针对哪些病人。",
                            "ar": "التحقق مما يُعدّ، وفي أي فترة، ولأي مرضى.",
                        },
                        "correct": True,
                    },
                ],
            },
        ],
    },
    {
        "slug": "small-tests-of-change",
        "minutes": 20,
        "pass_mark": 80,  # percent
        "max_attempts": 3,
        "title": {
            "en": "Small tests of change",
            "es": "Pequeñas pruebas de cambio",
            "vi": "Thử nghiệm thay đổi nhỏ",
            "zh_Hans": "小规模改变测试",
            "ar": "اختبارات صغيرة للتغيير",
        },
        "summary": {
            "en": (
                "Use the Model for Improvement and PDSA cycles to test ideas on a small scale. "
                "Learn to make a prediction and to read a run chart."
            ),
            "es": (
                "Use el Modelo para la Mejora y los ciclos PDSA para probar ideas a pequeña "
                "escala. Aprenda a hacer una predicción y a leer un gráfico de rachas."
            ),
            "vi": (
                "Dùng Mô hình Cải tiến và các chu trình PDSA để thử nghiệm ý tưởng ở quy mô nhỏ. "
                "Học cách đưa ra dự đoán và đọc biểu đồ đường chạy."
            ),
            "zh_Hans": (
                "运用改进模型和 PDSA 循环，在小范围内测试想法。学习如何做出预测和阅读运行图。"
            ),
            "ar": (
                "استخدموا نموذج التحسين ودورات PDSA لاختبار الأفكار على نطاق صغير. تعلّموا كيف "
                "تضعون توقعًا وكيف تقرؤون مخطط التشغيل."
            ),
        },
        "body": {
            "en": (
                "## Three questions before you change anything\n"
                "\n"
                "The Model for Improvement starts with three questions:\n"
                "\n"
                "1. **What are we trying to accomplish?** Be specific: for whom, how much and by "
                "when.\n"
                "2. **How will we know that a change is an improvement?** Choose a measure you can "
                "track over time.\n"
                "3. **What change can we make that will result in improvement?** Pick an idea to "
                "test, not a finished plan.\n"
                "\n"
                "One of our teams wrote: “Raise the share of visits with a needed interpreter "
                "present from 62% to 80% by June.” The measure counts the visits where the patient "
                "needs an interpreter and checks whether a qualified interpreter was actually "
                "present, in person, by video or by phone. The baseline is 62%.\n"
                "\n"
                "## PDSA: Plan, Do, Study, Act\n"
                "\n"
                "A PDSA cycle is a small, planned experiment.\n"
                "\n"
                "- **Plan:** describe the change, who will do it, when and where, and what data "
                "you will collect. Write down a **prediction**: what do you expect to happen?\n"
                "- **Do:** carry out the test. Note problems and surprises.\n"
                "- **Study:** compare what happened with your prediction. What did you learn?\n"
                "- **Act:** decide to **adopt** the change, **adapt** it and test again, or "
                "**abandon** it.\n"
                "\n"
                "A test that does not work is not a failure. If you abandon an idea after one "
                "morning, you have saved weeks of wasted effort.\n"
                "\n"
                "## Start small\n"
                "\n"
                "Test with one provider, on one day, with five patients. Small tests are quick, "
                "cheap and safe, and people are more willing to try them. When a change works on a "
                "small scale, test it under other conditions, such as another provider, a busy "
                "Monday or the other site, before you spread it.\n"
                "\n"
                "**Worked example.** Front-desk staff noticed that interpreters were often "
                "requested only after the patient arrived.\n"
                "\n"
                "- *Plan:* for one provider on Tuesday, the front desk checks the “interpreter "
                "needed” flag when confirming the next day's visits and books the interpreter the "
                "day before. Prediction: at least 4 of the 5 patients who need an interpreter will "
                "have one present.\n"
                "- *Do:* the test ran. One video interpreter was late because of a booking error.\n"
                "- *Study:* 4 of 5 visits had an interpreter present, as predicted.\n"
                "- *Act:* adapt. Add a line to the confirmation call script and test with two "
                "providers next week.\n"
                "\n"
                "## Reading a run chart\n"
                "\n"
                "A run chart plots your measure over time, with a **median** line: the middle "
                "value, with half of the points above it and half below. It shows whether a change "
                "is linked to real improvement or only to normal ups and downs. One good month "
                "proves little. Four rules help you spot a signal that is probably not chance:\n"
                "\n"
                "- **Shift:** 6 or more consecutive points all above or all below the median. "
                "Points exactly on the median neither count nor break the shift.\n"
                "- **Trend:** 5 or more consecutive points all going up or all going down.\n"
                "- **Runs:** a run is a series of points on one side of the median. Too few or too "
                "many runs suggest something other than chance.\n"
                "- **Astronomical data point:** one point that is obviously, hugely different from "
                "all the others.\n"
                "\n"
                "**Example.** Interpreter presence had a median of 62% before the test. After the "
                "team began booking interpreters the day before, the next six months were 66%, "
                "68%, 67%, 71%, 70% and 73%. Six points in a row above the median is a shift: a "
                "sign that the change is working, not luck.\n"
            ),
            "es": (
                "## Tres preguntas antes de cambiar algo\n"
                "\n"
                "El Modelo para la Mejora empieza con tres preguntas:\n"
                "\n"
                "1. **¿Qué queremos lograr?** Sea específico: para quién, cuánto y para cuándo.\n"
                "2. **¿Cómo sabremos que un cambio es una mejora?** Elija un indicador que pueda "
                "seguir a lo largo del tiempo.\n"
                "3. **¿Qué cambio podemos hacer que produzca una mejora?** Elija una idea para "
                "probar, no un plan terminado.\n"
                "\n"
                "Uno de nuestros equipos escribió: “Aumentar la proporción de consultas con el "
                "intérprete necesario presente del 62 % al 80 % para junio”. El indicador cuenta "
                "las consultas en las que el paciente necesita intérprete y revisa si de verdad "
                "estuvo presente un intérprete calificado, en persona, por video o por teléfono. "
                "El punto de partida es 62 %.\n"
                "\n"
                "## PDSA: Planificar, Hacer, Estudiar, Actuar\n"
                "\n"
                "Un ciclo PDSA (por sus siglas en inglés: *Plan, Do, Study, Act*) es un pequeño "
                "experimento planificado.\n"
                "\n"
                "- **Planificar:** describa el cambio, quién lo hará, cuándo y dónde, y qué datos "
                "va a reunir. Anote una **predicción**: ¿qué espera que pase?\n"
                "- **Hacer:** lleve a cabo la prueba. Anote los problemas y las sorpresas.\n"
                "- **Estudiar:** compare lo que pasó con su predicción. ¿Qué aprendió?\n"
                "- **Actuar:** decida si **adopta** el cambio, lo **adapta** y lo prueba de nuevo, "
                "o lo **abandona**.\n"
                "\n"
                "Una prueba que no funciona no es un fracaso. Si abandona una idea después de una "
                "mañana, se ha ahorrado semanas de esfuerzo inútil.\n"
                "\n"
                "## Empiece en pequeño\n"
                "\n"
                "Haga la prueba con un solo proveedor, un solo día y cinco pacientes. Las pruebas "
                "pequeñas son rápidas, baratas y seguras, y la gente está más dispuesta a "
                "intentarlas. Cuando un cambio funciona a pequeña escala, pruébelo en otras "
                "condiciones, por ejemplo con otro proveedor, un lunes con mucho trabajo o en la "
                "otra sede, antes de extenderlo.\n"
                "\n"
                "**Ejemplo práctico.** El personal de recepción notó que muchas veces se pedía el "
                "intérprete solo después de que llegaba el paciente.\n"
                "\n"
                "- *Planificar:* para un proveedor el martes, la recepción revisa la marca de "
                "“necesita intérprete” al confirmar las citas del día siguiente y reserva el "
                "intérprete un día antes. Predicción: al menos 4 de los 5 pacientes que necesitan "
                "intérprete lo tendrán presente.\n"
                "- *Hacer:* se hizo la prueba. Un intérprete por video llegó tarde por un error en "
                "la reserva.\n"
                "- *Estudiar:* 4 de 5 consultas tuvieron intérprete presente, como se predijo.\n"
                "- *Actuar:* adaptar. Añadir una línea al guion de la llamada de confirmación y "
                "probar con dos proveedores la próxima semana.\n"
                "\n"
                "## Cómo leer un gráfico de rachas\n"
                "\n"
                "Un gráfico de rachas (*run chart*) muestra su indicador a lo largo del tiempo, "
                "con una línea de **mediana**: el valor del medio, con la mitad de los puntos por "
                "encima y la mitad por debajo. Muestra si un cambio está ligado a una mejora real "
                "o solo a los altibajos normales. Un buen mes demuestra poco. Cuatro reglas le "
                "ayudan a detectar una señal que probablemente no se debe al azar:\n"
                "\n"
                "- **Desplazamiento:** 6 o más puntos seguidos, todos por encima o todos por "
                "debajo de la mediana. Los puntos que caen justo sobre la mediana no cuentan ni "
                "interrumpen el desplazamiento.\n"
                "- **Tendencia:** 5 o más puntos seguidos, todos subiendo o todos bajando.\n"
                "- **Rachas:** una racha es una serie de puntos de un mismo lado de la mediana. "
                "Muy pocas o demasiadas rachas sugieren algo distinto del azar.\n"
                "- **Dato astronómico:** un punto que es evidente y enormemente distinto de todos "
                "los demás.\n"
                "\n"
                "**Ejemplo.** La presencia de intérprete tenía una mediana de 62 % antes de la "
                "prueba. Después de que el equipo empezó a reservar intérpretes un día antes, los "
                "seis meses siguientes fueron 66 %, 68 %, 67 %, 71 %, 70 % y 73 %. Seis puntos "
                "seguidos por encima de la mediana son un desplazamiento: una señal de que el "
                "cambio funciona, no de suerte.\n"
            ),
            "vi": (
                "## Ba câu hỏi trước khi thay đổi bất cứ điều gì\n"
                "\n"
                "Mô hình Cải tiến bắt đầu bằng ba câu hỏi:\n"
                "\n"
                "1. **Chúng ta đang cố gắng đạt được điều gì?** Hãy cụ thể: cho ai, bao nhiêu và "
                "đến khi nào.\n"
                "2. **Làm sao chúng ta biết một thay đổi là một cải tiến?** Chọn một chỉ số có thể "
                "theo dõi theo thời gian.\n"
                "3. **Chúng ta có thể thực hiện thay đổi nào để mang lại cải tiến?** Chọn một ý "
                "tưởng để thử, không phải một kế hoạch đã hoàn chỉnh.\n"
                "\n"
                "Một nhóm của chúng ta đã viết: “Tăng tỷ lệ lượt khám có thông dịch viên khi cần "
                "từ 62% lên 80% trước tháng Sáu.” Chỉ số này đếm các lượt khám mà bệnh nhân cần "
                "thông dịch viên và kiểm tra xem thông dịch viên có chuyên môn có thực sự có mặt "
                "hay không, trực tiếp, qua video hoặc qua điện thoại. Mức ban đầu là 62%.\n"
                "\n"
                "## PDSA: Lập kế hoạch, Thực hiện, Nghiên cứu, Hành động\n"
                "\n"
                "Chu trình PDSA (viết tắt tiếng Anh của *Plan, Do, Study, Act*) là một thí nghiệm "
                "nhỏ có kế hoạch.\n"
                "\n"
                "- **Lập kế hoạch:** mô tả thay đổi, ai sẽ làm, khi nào, ở đâu và sẽ thu thập dữ "
                "liệu gì. Ghi lại một **dự đoán**: quý vị nghĩ điều gì sẽ xảy ra?\n"
                "- **Thực hiện:** tiến hành thử nghiệm. Ghi lại các vấn đề và điều bất ngờ.\n"
                "- **Nghiên cứu:** so sánh điều đã xảy ra với dự đoán. Quý vị học được gì?\n"
                "- **Hành động:** quyết định **áp dụng** thay đổi, **điều chỉnh** rồi thử lại, "
                "hoặc **từ bỏ** nó.\n"
                "\n"
                "Một thử nghiệm không thành công không phải là thất bại. Nếu quý vị từ bỏ một ý "
                "tưởng chỉ sau một buổi sáng, quý vị đã tiết kiệm được nhiều tuần công sức.\n"
                "\n"
                "## Bắt đầu từ quy mô nhỏ\n"
                "\n"
                "Thử với một người cung cấp dịch vụ, trong một ngày, với năm bệnh nhân. Thử nghiệm "
                "nhỏ thì nhanh, ít tốn kém và an toàn, và mọi người cũng sẵn lòng thử hơn. Khi một "
                "thay đổi hiệu quả ở quy mô nhỏ, hãy thử trong những điều kiện khác, như với người "
                "cung cấp dịch vụ khác, vào một ngày thứ Hai bận rộn hoặc ở cơ sở còn lại, trước "
                "khi mở rộng.\n"
                "\n"
                "**Ví dụ minh họa.** Nhân viên quầy tiếp tân nhận thấy thông dịch viên thường chỉ "
                "được yêu cầu sau khi bệnh nhân đã đến.\n"
                "\n"
                "- *Lập kế hoạch:* với một người cung cấp dịch vụ vào thứ Ba, quầy tiếp tân kiểm "
                "tra dấu “cần thông dịch viên” khi xác nhận lịch hẹn ngày hôm sau và đặt thông "
                "dịch viên trước một ngày. Dự đoán: ít nhất 4 trong 5 bệnh nhân cần thông dịch "
                "viên sẽ có thông dịch viên có mặt.\n"
                "- *Thực hiện:* thử nghiệm đã diễn ra. Một thông dịch viên qua video đến trễ vì "
                "lỗi đặt lịch.\n"
                "- *Nghiên cứu:* 4 trong 5 lượt khám có thông dịch viên có mặt, đúng như dự đoán.\n"
                "- *Hành động:* điều chỉnh. Thêm một câu vào kịch bản gọi điện xác nhận và thử với "
                "hai người cung cấp dịch vụ vào tuần sau.\n"
                "\n"
                "## Đọc biểu đồ đường chạy\n"
                "\n"
                "Biểu đồ đường chạy (*run chart*) thể hiện chỉ số của quý vị theo thời gian, với "
                "một đường **trung vị**: giá trị ở giữa, một nửa số điểm nằm trên và một nửa nằm "
                "dưới. Biểu đồ cho thấy một thay đổi có gắn với cải tiến thật sự hay chỉ là những "
                "lên xuống bình thường. Một tháng tốt chưa chứng minh được nhiều. Bốn quy tắc giúp "
                "quý vị nhận ra một tín hiệu có lẽ không phải do ngẫu nhiên:\n"
                "\n"
                "- **Dịch chuyển:** 6 điểm liên tiếp trở lên đều nằm trên hoặc đều nằm dưới đường "
                "trung vị. Các điểm nằm đúng trên đường trung vị không được tính và cũng không làm "
                "gián đoạn sự dịch chuyển.\n"
                "- **Xu hướng:** 5 điểm liên tiếp trở lên đều tăng dần hoặc đều giảm dần.\n"
                "- **Chuỗi:** một chuỗi là một loạt điểm nằm cùng một phía của đường trung vị. Quá "
                "ít hoặc quá nhiều chuỗi cho thấy có điều gì đó khác hơn là ngẫu nhiên.\n"
                "- **Điểm dữ liệu bất thường rõ rệt:** một điểm khác biệt rất lớn và hiển nhiên so "
                "với tất cả các điểm khác.\n"
                "\n"
                "**Ví dụ.** Trước thử nghiệm, tỷ lệ có thông dịch viên có trung vị là 62%. Sau khi "
                "nhóm bắt đầu đặt thông dịch viên trước một ngày, sáu tháng tiếp theo lần lượt là "
                "66%, 68%, 67%, 71%, 70% và 73%. Sáu điểm liên tiếp nằm trên đường trung vị là một "
                "sự dịch chuyển: dấu hiệu cho thấy thay đổi đang hiệu quả, không phải do may mắn.\n"
            ),
            "zh_Hans": (
                "## 做出任何改变之前的三个问题\n"
                "\n"
                "改进模型从三个问题开始：\n"
                "\n"
                "1. **我们想要达成什么目标**？要具体：针对谁、改善多少、在什么时间之前。\n"
                "2. **我们如何知道一项改变是改进**？选择一个可以长期追踪的指标。\n"
                "3. **我们可以做出什么改变来带来改进**？选择一个用来测试的想法，"
                "而不是一份完整的方案。\n"
                "\n"
                "我们的一个团队写下的目标是：“在 6 月之前，把需要口译员的就诊中口译员在场的比例从 "
                "62% 提高到 80%。”这个指标统计病人需要口译员的就诊，"
                "并检查是否真的有合格的口译员在场（现场、视频或电话均可）。基线是 62%。\n"
                "\n"
                "## PDSA：计划、执行、研究、处置\n"
                "\n"
                "PDSA 循环（英文 *Plan, Do, Study, Act* 的缩写）是一项有计划的小实验。\n"
                "\n"
                "- **计划**：说明要做的改变、由谁来做、何时何地进行，以及要收集哪些数据。"
                "写下一个**预测**：您预期会发生什么？\n"
                "- **执行**：开展测试，记下遇到的问题和意外情况。\n"
                "- **研究**：把实际发生的情况和您的预测作比较。您学到了什么？\n"
                "- **处置**：决定**采纳**这项改变、**调整**后再测试，还是**放弃**。\n"
                "\n"
                "没有成功的测试并不是失败。如果您只用一个上午就放弃了一个想法，"
                "就省下了好几周白费的功夫。\n"
                "\n"
                "## 从小处开始\n"
                "\n"
                "只找一位医疗服务提供者、用一天时间、测试五个病人。小规模测试快捷、省钱、安全，"
                "大家也更愿意尝试。一项改变在小范围内有效后，先在其他条件下再测试，"
                "比如换一位医疗服务提供者、在繁忙的星期一或在另一个院区，然后再推广。\n"
                "\n"
                "**实例**。前台工作人员注意到，口译员常常是在病人到达之后才去预约。\n"
                "\n"
                "- *计划*：针对一位医疗服务提供者，在星期二由前台在确认第二天的预约时检查“需要口译"
                "员”标记，并提前一天预约口译员。预测：需要口译员的 5 名病人中，至少 4 "
                "名会有口译员在场。\n"
                "- *执行*：测试照常进行。有一位视频口译员因预约出错而迟到。\n"
                "- *研究*：5 次就诊中有 4 次有口译员在场，与预测一致。\n"
                "- *处置*：调整。在确认电话的话术中加一句提醒，下周用两位医疗服务提供者再做测试。\n"
                "\n"
                "## 读懂运行图\n"
                "\n"
                "运行图（*run chart*）按时间顺序显示您的指标，并画有一条**中位数**线："
                "中位数是位于中间的数值，一半的点在它上方，一半在下方。"
                "运行图能显示一项改变是与真正的改进有关，还是只是正常的起伏。"
                "一个月表现好说明不了多少问题。下面四条规则可以帮助您发现很可能不是偶然的信号：\n"
                "\n"
                "- **偏移**：连续 6 个或更多的点全部在中位数上方，或全部在下方。"
                "正好落在中位数上的点既不计入，也不中断偏移。\n"
                "- **趋势**：连续 5 个或更多的点全部上升或全部下降。\n"
                "- **游程**：一个游程是位于中位数同一侧的一串点。游程太少或太多，"
                "都说明存在偶然以外的原因。\n"
                "- **极端数据点**：一个与其他所有点相比明显、极大地不同的点。\n"
                "\n"
                "**例子**。测试之前，口译员在场比例的中位数是 62%。团队开始提前一天预约口译员后，"
                "接下来六个月分别是 66%、68%、67%、71%、70% 和 73%。"
                "连续六个点都在中位数上方就是一次偏移：说明这项改变正在起作用，而不是运气。\n"
            ),
            "ar": (
                "## ثلاثة أسئلة قبل أن تغيّروا أي شيء\n"
                "\n"
                "يبدأ نموذج التحسين بثلاثة أسئلة:\n"
                "\n"
                "1. **ما الذي نسعى إلى تحقيقه؟** كونوا محددين: لمن، وبأي مقدار، وبحلول متى.\n"
                "2. **كيف سنعرف أن التغيير تحسين؟** اختاروا مؤشرًا يمكنكم متابعته عبر الزمن.\n"
                "3. **ما التغيير الذي يمكننا إجراؤه ليؤدي إلى تحسين؟** اختاروا فكرة لتختبروها، لا "
                "خطة مكتملة.\n"
                "\n"
                "كتب أحد فرقنا: «رفع نسبة الزيارات التي يحضرها المترجم الفوري المطلوب من 62% إلى "
                "80% بحلول يونيو». ويعدّ هذا المؤشر الزيارات التي يحتاج فيها المريض إلى مترجم "
                "فوري، ويتحقق مما إذا كان مترجم مؤهل حاضرًا فعلًا، حضوريًا أو عبر الفيديو أو "
                "الهاتف. ونقطة الأساس هي 62%.\n"
                "\n"
                "## PDSA: خطِّط، نفِّذ، ادرس، تصرَّف\n"
                "\n"
                "دورة PDSA (اختصار للكلمات الإنجليزية *Plan, Do, Study, Act*) تجربة صغيرة مخطط "
                "لها.\n"
                "\n"
                "- **خطِّط:** صفوا التغيير، ومن سينفذه، ومتى وأين، وما البيانات التي ستجمعونها. "
                "واكتبوا **توقعًا**: ماذا تتوقعون أن يحدث؟\n"
                "- **نفِّذ:** أجروا الاختبار، ودوّنوا المشكلات والمفاجآت.\n"
                "- **ادرس:** قارنوا ما حدث بتوقعكم. ماذا تعلمتم؟\n"
                "- **تصرَّف:** قرروا هل **تعتمدون** التغيير، أم **تعدّلونه** وتختبرونه من جديد، أم "
                "**تتخلّون** عنه.\n"
                "\n"
                "الاختبار الذي لا ينجح ليس فشلًا. فإذا تخليتم عن فكرة بعد صباح واحد، فقد وفّرتم "
                "أسابيع من الجهد الضائع.\n"
                "\n"
                "## ابدؤوا صغارًا\n"
                "\n"
                "اختبروا مع مقدم رعاية واحد، في يوم واحد، مع خمسة مرضى. فالاختبارات الصغيرة سريعة "
                "وقليلة التكلفة وآمنة، والناس أكثر استعدادًا لتجربتها. وعندما ينجح التغيير على "
                "نطاق صغير، اختبروه في ظروف أخرى، مثل مقدم رعاية آخر أو يوم اثنين مزدحم أو الموقع "
                "الآخر، قبل تعميمه.\n"
                "\n"
                "**مثال تطبيقي.** لاحظ موظفو الاستقبال أن المترجم الفوري كثيرًا ما يُطلب بعد وصول "
                "المريض فقط.\n"
                "\n"
                "- *خطِّط:* لمقدم رعاية واحد يوم الثلاثاء، يراجع موظفو الاستقبال علامة «يحتاج إلى "
                "مترجم» عند تأكيد مواعيد اليوم التالي، ويحجزون المترجم قبل الموعد بيوم. التوقع: 4 "
                "على الأقل من المرضى الخمسة الذين يحتاجون إلى مترجم سيحضر معهم مترجم.\n"
                "- *نفِّذ:* أُجري الاختبار. وتأخر مترجم عبر الفيديو بسبب خطأ في الحجز.\n"
                "- *ادرس:* حضر مترجم في 4 من 5 زيارات، كما كان متوقعًا.\n"
                "- *تصرَّف:* تعديل. إضافة سطر إلى نص مكالمة التأكيد، والاختبار مع مقدمَي رعاية "
                "اثنين في الأسبوع القادم.\n"
                "\n"
                "## قراءة مخطط التشغيل\n"
                "\n"
                "يعرض مخطط التشغيل (*run chart*) مؤشركم عبر الزمن، مع خط **الوسيط**: وهو القيمة "
                "الوسطى التي يقع نصف النقاط فوقها ونصفها تحتها. ويبيّن المخطط هل يرتبط التغيير "
                "بتحسن حقيقي أم بالتقلبات المعتادة فقط. فشهر جيد واحد لا يثبت الكثير. وتساعدكم "
                "أربع قواعد على رصد إشارة لا ترجع على الأرجح إلى الصدفة:\n"
                "\n"
                "- **التحوّل:** 6 نقاط متتالية أو أكثر كلها فوق الوسيط أو كلها تحته. والنقاط "
                "الواقعة على الوسيط تمامًا لا تُحسب ولا تقطع التحوّل.\n"
                "- **الاتجاه:** 5 نقاط متتالية أو أكثر كلها صاعدة أو كلها هابطة.\n"
                "- **السلاسل:** السلسلة مجموعة من النقاط المتتالية في جانب واحد من الوسيط. وقلة "
                "السلاسل الشديدة أو كثرتها الشديدة تشير إلى سبب غير الصدفة.\n"
                "- **نقطة البيانات الشاذة جدًا:** نقطة واحدة تختلف اختلافًا واضحًا وكبيرًا جدًا عن "
                "جميع النقاط الأخرى.\n"
                "\n"
                "**مثال.** كان وسيط نسبة حضور المترجم 62% قبل الاختبار. وبعد أن بدأ الفريق حجز "
                "المترجمين قبل الموعد بيوم، جاءت الأشهر الستة التالية كالآتي: 66% و68% و67% و71% "
                "و70% و73%. وست نقاط متتالية فوق الوسيط تعني تحوّلًا: أي إشارة إلى أن التغيير "
                "ينجح، لا أنه مجرد حظ.\n"
            ),
        },
        "questions": [
            {
                "kind": "single",
                "text": {
                    "en": (
                        "Which of these is one of the three questions of the Model for Improvement?"
                    ),
                    "es": "¿Cuál de estas es una de las tres preguntas del Modelo para la Mejora?",
                    "vi": "Câu nào sau đây là một trong ba câu hỏi của Mô hình Cải tiến?",
                    "zh_Hans": "以下哪一个是改进模型的三个问题之一？",
                    "ar": "أيٌّ مما يلي من الأسئلة الثلاثة في نموذج التحسين؟",
                },
                "explanation": {
                    "en": (
                        "The three questions are: What are we trying to accomplish? How will we "
                        "know that a change is an improvement? What change can we make that will "
                        "result in improvement? Your measure answers the second question."
                    ),
                    "es": (
                        "Las tres preguntas son: ¿Qué queremos lograr? ¿Cómo sabremos que un "
                        "cambio es una mejora? ¿Qué cambio podemos hacer que produzca una mejora? "
                        "Su indicador responde a la segunda pregunta."
                    ),
                    "vi": (
                        "Ba câu hỏi là: Chúng ta đang cố gắng đạt được điều gì? Làm sao chúng ta "
                        "biết một thay đổi là một cải tiến? Chúng ta có thể thực hiện thay đổi nào "
                        "để mang lại cải tiến? Chỉ số của quý vị trả lời câu hỏi thứ hai."
                    ),
                    "zh_Hans": (
                        "三个问题是：我们想要达成什么目标？我们如何知道一项改变是改进？"
                        "我们可以做出什么改变来带来改进？您选择的指标回答的是第二个问题。"
                    ),
                    "ar": (
                        "الأسئلة الثلاثة هي: ما الذي نسعى إلى تحقيقه؟ كيف سنعرف أن التغيير تحسين؟ "
                        "ما التغيير الذي يمكننا إجراؤه ليؤدي إلى تحسين؟ والمؤشر الذي تختارونه يجيب "
                        "عن السؤال الثاني."
                    ),
                },
                "choices": [
                    {
                        "key": "a",
                        "text": {
                            "en": "“Who caused the problem?”",
                            "es": "“¿Quién causó el problema?”",
                            "vi": "“Ai đã gây ra vấn đề?”",
                            "zh_Hans": "“是谁造成了这个问题？”",
                            "ar": "«من الذي تسبب في المشكلة؟»",
                        },
                        "correct": False,
                    },
                    {
                        "key": "b",
                        "text": {
                            "en": "“How will we know that a change is an improvement?”",
                            "es": "“¿Cómo sabremos que un cambio es una mejora?”",
                            "vi": "“Làm sao chúng ta biết một thay đổi là một cải tiến?”",
                            "zh_Hans": "“我们如何知道一项改变是改进？”",
                            "ar": "«كيف سنعرف أن التغيير تحسين؟»",
                        },
                        "correct": True,
                    },
                    {
                        "key": "c",
                        "text": {
                            "en": "“How much will new software cost?”",
                            "es": "“¿Cuánto costará un programa informático nuevo?”",
                            "vi": "“Phần mềm mới sẽ tốn bao nhiêu tiền?”",
                            "zh_Hans": "“新软件要花多少钱？”",
                            "ar": "«كم سيكلف البرنامج الحاسوبي الجديد؟»",
                        },
                        "correct": False,
                    },
                    {
                        "key": "d",
                        "text": {
                            "en": "“Which department should own this problem?”",
                            "es": "“¿Qué departamento debe hacerse cargo de este problema?”",
                            "vi": "“Phòng ban nào nên chịu trách nhiệm về vấn đề này?”",
                            "zh_Hans": "“这个问题应该由哪个部门负责？”",
                            "ar": "«أي قسم ينبغي أن يتولى هذه المشكلة؟»",
                        },
                        "correct": False,
                    },
                ],
            },
            {
                "kind": "single",
                "text": {
                    "en": (
                        "A team wants to try booking interpreters the day before the visit. What "
                        "is the best first test?"
                    ),
                    "es": (
                        "Un equipo quiere probar a reservar los intérpretes un día antes de la "
                        "consulta. ¿Cuál es la mejor primera prueba?"
                    ),
                    "vi": (
                        "Một nhóm muốn thử đặt thông dịch viên trước một ngày so với buổi khám. "
                        "Thử nghiệm đầu tiên tốt nhất là gì?"
                    ),
                    "zh_Hans": "一个团队想尝试在就诊前一天预约口译员。最好的第一次测试是什么？",
                    "ar": (
                        "يريد فريق أن يجرب حجز المترجمين الفوريين قبل الزيارة بيوم. ما أفضل اختبار "
                        "أول؟"
                    ),
                },
                "explanation": {
                    "en": (
                        "Small tests are quick, cheap and low risk, and they show problems early. "
                        "If the change works on a small scale, the team tests it under more "
                        "conditions before spreading it."
                    ),
                    "es": (
                        "Las pruebas pequeñas son rápidas, baratas y de bajo riesgo, y muestran "
                        "los problemas pronto. Si el cambio funciona a pequeña escala, el equipo "
                        "lo prueba en más condiciones antes de extenderlo."
                    ),
                    "vi": (
                        "Thử nghiệm nhỏ thì nhanh, ít tốn kém, ít rủi ro và sớm cho thấy vấn đề. "
                        "Nếu thay đổi hiệu quả ở quy mô nhỏ, nhóm sẽ thử trong nhiều điều kiện hơn "
                        "trước khi mở rộng."
                    ),
                    "zh_Hans": (
                        "小规模测试快捷、省钱、风险低，并且能及早暴露问题。如果改变在小范围内有效，"
                        "团队会先在更多条件下测试，然后再推广。"
                    ),
                    "ar": (
                        "الاختبارات الصغيرة سريعة وقليلة التكلفة ومنخفضة المخاطر، وتكشف المشكلات "
                        "مبكرًا. وإذا نجح التغيير على نطاق صغير، يختبره الفريق في ظروف أكثر قبل "
                        "تعميمه."
                    ),
                },
                "choices": [
                    {
                        "key": "a",
                        "text": {
                            "en": "Start at both sites with all providers next month.",
                            "es": (
                                "Empezar el próximo mes en las dos sedes con todos los proveedores."
                            ),
                            "vi": (
                                "Bắt đầu ở cả hai cơ sở với tất cả người cung cấp dịch vụ vào "
                                "tháng sau."
                            ),
                            "zh_Hans": "下个月在两个院区由所有医疗服务提供者同时开始。",
                            "ar": "البدء في الموقعين مع جميع مقدمي الرعاية في الشهر القادم.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "b",
                        "text": {
                            "en": "Wait until a full year of baseline data has been collected.",
                            "es": "Esperar a tener un año completo de datos de referencia.",
                            "vi": "Chờ đến khi thu thập đủ dữ liệu ban đầu của cả một năm.",
                            "zh_Hans": "等收集满一整年的基线数据再说。",
                            "ar": "الانتظار حتى تُجمع بيانات أساس لسنة كاملة.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "c",
                        "text": {
                            "en": "Try it with one provider on one day, with about five patients.",
                            "es": (
                                "Probarlo con un proveedor durante un día, con unos cinco "
                                "pacientes."
                            ),
                            "vi": (
                                "Thử với một người cung cấp dịch vụ trong một ngày, với khoảng năm "
                                "bệnh nhân."
                            ),
                            "zh_Hans": "由一位医疗服务提供者用一天时间、对大约五个病人进行尝试。",
                            "ar": "تجربته مع مقدم رعاية واحد في يوم واحد، مع نحو خمسة مرضى.",
                        },
                        "correct": True,
                    },
                    {
                        "key": "d",
                        "text": {
                            "en": "Write a new policy and train all staff first.",
                            "es": (
                                "Escribir primero una nueva política y capacitar a todo el "
                                "personal."
                            ),
                            "vi": "Viết một chính sách mới và đào tạo toàn bộ nhân viên trước.",
                            "zh_Hans": "先制定新政策并培训全体员工。",
                            "ar": "كتابة سياسة جديدة وتدريب جميع الموظفين أولًا.",
                        },
                        "correct": False,
                    },
                ],
            },
            {
                "kind": "multiple",
                "text": {
                    "en": (
                        "Which of these belong in the Plan step of a PDSA cycle? (Choose all that "
                        "apply.)"
                    ),
                    "es": (
                        "¿Cuáles de estos elementos forman parte del paso Planificar de un ciclo "
                        "PDSA? (Elija todas las que correspondan.)"
                    ),
                    "vi": (
                        "Những nội dung nào thuộc bước Lập kế hoạch của chu trình PDSA? (Chọn tất "
                        "cả các câu đúng.)"
                    ),
                    "zh_Hans": "以下哪些内容属于 PDSA 循环的“计划”步骤？（选出所有正确答案。）",
                    "ar": (
                        "أيٌّ مما يلي ينتمي إلى خطوة «خطِّط» في دورة PDSA؟ (اختاروا كل الإجابات "
                        "الصحيحة.)"
                    ),
                },
                "explanation": {
                    "en": (
                        "The Plan step describes the test: who, when, where, what data to collect, "
                        "and a prediction. Comparing the results with the prediction happens in "
                        "Study, and the decision to adopt happens in Act."
                    ),
                    "es": (
                        "El paso Planificar describe la prueba: quién, cuándo, dónde, qué datos "
                        "reunir y una predicción. La comparación de los resultados con la "
                        "predicción ocurre en Estudiar, y la decisión de adoptar ocurre en Actuar."
                    ),
                    "vi": (
                        "Bước Lập kế hoạch mô tả thử nghiệm: ai, khi nào, ở đâu, thu thập dữ liệu "
                        "gì và một dự đoán. Việc so sánh kết quả với dự đoán diễn ra ở bước Nghiên "
                        "cứu, còn quyết định áp dụng diễn ra ở bước Hành động."
                    ),
                    "zh_Hans": (
                        "“计划”步骤说明测试的内容：由谁、何时、何地、收集哪些数据，以及一个预测。"
                        "把结果和预测作比较属于“研究”步骤，决定是否采纳属于“处置”步骤。"
                    ),
                    "ar": (
                        "تصف خطوة «خطِّط» الاختبار: من، ومتى، وأين، وما البيانات التي ستُجمع، مع "
                        "توقع. أما مقارنة النتائج بالتوقع فتكون في خطوة «ادرس»، وقرار الاعتماد "
                        "يكون في خطوة «تصرَّف»."
                    ),
                },
                "choices": [
                    {
                        "key": "a",
                        "text": {
                            "en": "The decision to adopt the change across the clinic",
                            "es": "La decisión de adoptar el cambio en toda la clínica",
                            "vi": "Quyết định áp dụng thay đổi cho toàn phòng khám",
                            "zh_Hans": "决定在整个诊所采纳这项改变",
                            "ar": "قرار اعتماد التغيير في العيادة كلها",
                        },
                        "correct": False,
                    },
                    {
                        "key": "b",
                        "text": {
                            "en": "A prediction of what will happen",
                            "es": "Una predicción de lo que va a pasar",
                            "vi": "Một dự đoán về điều sẽ xảy ra",
                            "zh_Hans": "对将要发生的情况的预测",
                            "ar": "توقع لما سيحدث",
                        },
                        "correct": True,
                    },
                    {
                        "key": "c",
                        "text": {
                            "en": "Who will carry out the test, when and where",
                            "es": "Quién hará la prueba, cuándo y dónde",
                            "vi": "Ai sẽ tiến hành thử nghiệm, khi nào và ở đâu",
                            "zh_Hans": "由谁来进行测试、何时何地进行",
                            "ar": "من سيجري الاختبار، ومتى وأين",
                        },
                        "correct": True,
                    },
                    {
                        "key": "d",
                        "text": {
                            "en": "A comparison of the results with the prediction",
                            "es": "Una comparación de los resultados con la predicción",
                            "vi": "Việc so sánh kết quả với dự đoán",
                            "zh_Hans": "把结果和预测进行比较",
                            "ar": "مقارنة النتائج بالتوقع",
                        },
                        "correct": False,
                    },
                ],
            },
            {
                "kind": "single",
                "text": {
                    "en": (
                        "After a test, the team finds that the change helped, but the call script "
                        "needs one more line. What should they do in the Act step?"
                    ),
                    "es": (
                        "Después de una prueba, el equipo ve que el cambio ayudó, pero al guion de "
                        "la llamada le falta una línea. ¿Qué debe hacer en el paso Actuar?"
                    ),
                    "vi": (
                        "Sau một thử nghiệm, nhóm thấy thay đổi có ích, nhưng kịch bản gọi điện "
                        "cần thêm một câu. Ở bước Hành động, nhóm nên làm gì?"
                    ),
                    "zh_Hans": (
                        "一次测试之后，团队发现这项改变有帮助，但电话话术还需要加一句。"
                        "在“处置”步骤中，他们应该怎么做？"
                    ),
                    "ar": (
                        "بعد أحد الاختبارات، وجد الفريق أن التغيير كان مفيدًا، لكن نص المكالمة "
                        "يحتاج إلى سطر إضافي. ماذا ينبغي أن يفعل في خطوة «تصرَّف»؟"
                    ),
                },
                "explanation": {
                    "en": (
                        "In the Act step the team adopts, adapts or abandons the change. A change "
                        "that mostly works but needs adjusting is adapted and tested again in a "
                        "new cycle."
                    ),
                    "es": (
                        "En el paso Actuar el equipo adopta, adapta o abandona el cambio. Un "
                        "cambio que funciona en buena parte pero necesita ajustes se adapta y se "
                        "vuelve a probar en un nuevo ciclo."
                    ),
                    "vi": (
                        "Ở bước Hành động, nhóm áp dụng, điều chỉnh hoặc từ bỏ thay đổi. Một thay "
                        "đổi phần lớn có hiệu quả nhưng cần sửa lại sẽ được điều chỉnh và thử lại "
                        "trong một chu trình mới."
                    ),
                    "zh_Hans": (
                        "在“处置”步骤中，团队会采纳、调整或放弃这项改变。大体有效但需要修改的改变，"
                        "应当调整后在新的循环中再次测试。"
                    ),
                    "ar": (
                        "في خطوة «تصرَّف» يعتمد الفريق التغيير أو يعدّله أو يتخلى عنه. والتغيير "
                        "الذي ينجح في معظمه لكنه يحتاج إلى ضبط يُعدَّل ويُختبر من جديد في دورة "
                        "جديدة."
                    ),
                },
                "choices": [
                    {
                        "key": "a",
                        "text": {
                            "en": "Adapt it and run another cycle.",
                            "es": "Adaptarlo y hacer otro ciclo.",
                            "vi": "Điều chỉnh và chạy thêm một chu trình.",
                            "zh_Hans": "加以调整，再做一轮循环。",
                            "ar": "تعديله وإجراء دورة أخرى.",
                        },
                        "correct": True,
                    },
                    {
                        "key": "b",
                        "text": {
                            "en": "Adopt it unchanged at both sites.",
                            "es": "Adoptarlo sin cambios en las dos sedes.",
                            "vi": "Áp dụng nguyên như cũ ở cả hai cơ sở.",
                            "zh_Hans": "原样在两个院区采纳。",
                            "ar": "اعتماده كما هو في الموقعين.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "c",
                        "text": {
                            "en": "Abandon it and look for a different idea.",
                            "es": "Abandonarlo y buscar otra idea.",
                            "vi": "Từ bỏ và tìm một ý tưởng khác.",
                            "zh_Hans": "放弃，另找一个想法。",
                            "ar": "التخلي عنه والبحث عن فكرة أخرى.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "d",
                        "text": {
                            "en": "Stop collecting data, because the test is finished.",
                            "es": "Dejar de reunir datos, porque la prueba ya terminó.",
                            "vi": "Ngừng thu thập dữ liệu vì thử nghiệm đã xong.",
                            "zh_Hans": "停止收集数据，因为测试已经结束。",
                            "ar": "التوقف عن جمع البيانات لأن الاختبار انتهى.",
                        },
                        "correct": False,
                    },
                ],
            },
            {
                "kind": "multiple",
                "text": {
                    "en": (
                        "A run chart of “share of visits with a needed interpreter present” has a "
                        "median of 62%. Which patterns are signals of real, non-random change? "
                        "(Choose all that apply.)"
                    ),
                    "es": (
                        "Un gráfico de rachas de la “proporción de consultas con el intérprete "
                        "necesario presente” tiene una mediana de 62 %. ¿Qué patrones son señales "
                        "de un cambio real, no aleatorio? (Elija todas las que correspondan.)"
                    ),
                    "vi": (
                        "Biểu đồ đường chạy về “tỷ lệ lượt khám có thông dịch viên khi cần” có "
                        "trung vị là 62%. Những mẫu nào là tín hiệu của thay đổi thật sự, không "
                        "phải ngẫu nhiên? (Chọn tất cả các câu đúng.)"
                    ),
                    "zh_Hans": (
                        "一张“需要口译员的就诊中口译员在场的比例”运行图的中位数是 62%。"
                        "以下哪些模式是真实的、非随机变化的信号？（选出所有正确答案。）"
                    ),
                    "ar": (
                        "وسيط مخطط التشغيل لمؤشر «نسبة الزيارات التي يحضرها المترجم الفوري "
                        "المطلوب» هو 62%. أي الأنماط التالية إشارات إلى تغيير حقيقي غير عشوائي؟ "
                        "(اختاروا كل الإجابات الصحيحة.)"
                    ),
                },
                "explanation": {
                    "en": (
                        "Six or more consecutive points on one side of the median is a shift, and "
                        "five or more consecutive points all going up is a trend. A single rise, "
                        "or three points below the median, can easily happen by chance."
                    ),
                    "es": (
                        "Seis o más puntos seguidos de un mismo lado de la mediana son un "
                        "desplazamiento, y cinco o más puntos seguidos todos en subida son una "
                        "tendencia. Una sola subida, o tres puntos por debajo de la mediana, "
                        "pueden ocurrir fácilmente por azar."
                    ),
                    "vi": (
                        "Sáu điểm liên tiếp trở lên nằm cùng một phía của đường trung vị là một sự "
                        "dịch chuyển, và năm điểm liên tiếp trở lên đều tăng là một xu hướng. Một "
                        "lần tăng đơn lẻ, hoặc ba điểm nằm dưới trung vị, có thể dễ dàng xảy ra do "
                        "ngẫu nhiên."
                    ),
                    "zh_Hans": (
                        "连续六个或更多的点位于中位数同一侧是偏移，连续五个或更多的点全部上升是趋势"
                        "。单独一次上升，或者三个点低于中位数，都很容易是偶然发生的。"
                    ),
                    "ar": (
                        "ست نقاط متتالية أو أكثر في جانب واحد من الوسيط تعني تحوّلًا، وخمس نقاط "
                        "متتالية أو أكثر كلها صاعدة تعني اتجاهًا. أما ارتفاع واحد، أو ثلاث نقاط "
                        "تحت الوسيط، فقد يحدث بسهولة بالصدفة."
                    ),
                },
                "choices": [
                    {
                        "key": "a",
                        "text": {
                            "en": "Seven months in a row above 62%",
                            "es": "Siete meses seguidos por encima de 62 %",
                            "vi": "Bảy tháng liên tiếp trên 62%",
                            "zh_Hans": "连续七个月高于 62%",
                            "ar": "سبعة أشهر متتالية فوق 62%",
                        },
                        "correct": True,
                    },
                    {
                        "key": "b",
                        "text": {
                            "en": "One month at 65% right after a month at 60%",
                            "es": "Un mes con 65 % justo después de un mes con 60 %",
                            "vi": "Một tháng đạt 65% ngay sau một tháng đạt 60%",
                            "zh_Hans": "某个月为 60%，紧接着下个月为 65%",
                            "ar": "شهر بنسبة 65% بعد شهر بنسبة 60% مباشرة",
                        },
                        "correct": False,
                    },
                    {
                        "key": "c",
                        "text": {
                            "en": "Three months in a row below 62%",
                            "es": "Tres meses seguidos por debajo de 62 %",
                            "vi": "Ba tháng liên tiếp dưới 62%",
                            "zh_Hans": "连续三个月低于 62%",
                            "ar": "ثلاثة أشهر متتالية تحت 62%",
                        },
                        "correct": False,
                    },
                    {
                        "key": "d",
                        "text": {
                            "en": "Five months in a row, each one higher than the month before",
                            "es": "Cinco meses seguidos, cada uno más alto que el anterior",
                            "vi": "Năm tháng liên tiếp, tháng sau cao hơn tháng trước",
                            "zh_Hans": "连续五个月，每个月都比前一个月高",
                            "ar": "خمسة أشهر متتالية، كل شهر أعلى من الذي قبله",
                        },
                        "correct": True,
                    },
                ],
            },
        ],
    },
    {
        "slug": "patient-voice-and-equity",
        "minutes": 15,
        "pass_mark": 75,  # percent
        "max_attempts": None,  # None = unlimited
        "title": {
            "en": "Patient voice and equity",
            "es": "La voz del paciente y la equidad",
            "vi": "Tiếng nói của bệnh nhân và sự công bằng",
            "zh_Hans": "病人的声音与健康公平",
            "ar": "صوت المريض والإنصاف في الرعاية",
        },
        "summary": {
            "en": (
                "Collect demographic data with respect, work with qualified interpreters, and read "
                "results group by group to see whose voice is missing."
            ),
            "es": (
                "Reúna datos demográficos con respeto, trabaje con intérpretes calificados y lea "
                "los resultados grupo por grupo para ver qué voces faltan."
            ),
            "vi": (
                "Thu thập dữ liệu nhân khẩu học một cách tôn trọng, làm việc với thông dịch viên "
                "có chuyên môn, và đọc kết quả theo từng nhóm để thấy tiếng nói của ai còn thiếu."
            ),
            "zh_Hans": (
                "以尊重的方式收集人口统计信息，与合格的口译员合作，并逐个群体地阅读结果，"
                "看看谁的声音还没有被听到。"
            ),
            "ar": (
                "اجمعوا البيانات الديموغرافية باحترام، واعملوا مع مترجمين فوريين مؤهلين، واقرؤوا "
                "النتائج فئةً فئة لتعرفوا من الذي لا يُسمع صوته."
            ),
        },
        "body": {
            "en": (
                "## Why we ask\n"
                "\n"
                "We ask patients about race, ethnicity, preferred language and other details so "
                "that we can check whether every group gets the same quality of care. Without this "
                "information, gaps stay hidden. Blood pressure control, for example, can look fine "
                "on average and still be much worse for one group.\n"
                "\n"
                "## Asking with respect\n"
                "\n"
                "- **Let people describe themselves.** Race and ethnicity are self-reported. Never "
                "guess from a name, an accent or how someone looks, and do not fill in the answer "
                "for them.\n"
                "- **Explain why you ask.** For example: “We ask everyone these questions to make "
                "sure all our patients get the same quality of care. Your answers are private and "
                "do not change your care.”\n"
                "- **“Prefer not to say” is always allowed.** Record it as the patient's answer "
                "and do not push.\n"
                "- **More than one answer is fine.** Under the 2024 federal (OMB) standard, people "
                "may choose every category that applies: American Indian or Alaska Native; Asian; "
                "Black or African American; Hispanic or Latino; Middle Eastern or North African; "
                "Native Hawaiian or Pacific Islander; White. Middle Eastern or North African is "
                "now its own category.\n"
                "\n"
                "## Interpreters\n"
                "\n"
                "Patients who prefer a language other than English have the right to a qualified "
                "interpreter at no cost, in person, by video or by phone. Do not rely on family "
                "members, and never on children. A relative may leave things out, add their own "
                "opinion or not know medical words, and a child should not have to carry adult "
                "news about illness. If a patient asks for a relative to interpret, explain that a "
                "qualified interpreter is free and follow clinic policy.\n"
                "\n"
                "## Reading stratified results\n"
                "\n"
                "Stratified results show a measure broken down by group, such as language, age "
                "band or race and ethnicity.\n"
                "\n"
                "- **Look at each group, not only the average.** An overall average can hide a "
                "group that is doing much worse.\n"
                "- **Small numbers are hidden.** When a group has fewer than 11 people, the report "
                "shows “fewer than 11” instead of the number. This protects privacy, and such a "
                "small result is not reliable on its own.\n"
                "- **Ask who is missing.** Compare each group's share of respondents with its "
                "share of patients.\n"
                "\n"
                "**Worked example.** In our survey “What should we work on this year?”, 34% of our "
                "patients prefer Spanish, but only 22% of respondents answered in Spanish. "
                "Vietnamese speakers are 9% of patients but 5% of respondents. Both groups are "
                "under-represented, so the overall ranking leans toward other voices. Interpreter "
                "access ranked 1st among Spanish speakers but only 4th overall. We do not throw "
                "out the overall result: we look at each group, consider weighted results and "
                "reach out to the people we are missing.\n"
                "\n"
                "## Closing the loop: “You said, we did”\n"
                "\n"
                "When patients give us their time, they deserve to hear what happened. When a "
                "change is adopted, we send a short “You said, we did” message in each person's "
                "language and list the change on our public “What we changed” page. For example: "
                "“You told us it was hard to get an interpreter. Now we book interpreters the day "
                "before your visit.” Even when we cannot make a change, explaining why builds "
                "trust, and people are more likely to answer next time.\n"
            ),
            "es": (
                "## Por qué preguntamos\n"
                "\n"
                "Preguntamos a los pacientes por su raza, su origen étnico, su idioma preferido y "
                "otros datos para poder comprobar si todos los grupos reciben la misma calidad de "
                "atención. Sin esta información, las diferencias quedan ocultas. El control de la "
                "presión arterial, por ejemplo, puede verse bien en promedio y aun así ser mucho "
                "peor en un grupo.\n"
                "\n"
                "## Preguntar con respeto\n"
                "\n"
                "- **Deje que cada persona se describa a sí misma.** La raza y el origen étnico "
                "los declara la propia persona. Nunca los adivine por el nombre, el acento o el "
                "aspecto, y no llene la respuesta por el paciente.\n"
                "- **Explique por qué pregunta.** Por ejemplo: “Hacemos estas preguntas a todos "
                "para asegurarnos de que todos nuestros pacientes reciban la misma calidad de "
                "atención. Sus respuestas son confidenciales y no cambian su atención”.\n"
                "- **“Prefiero no decirlo” siempre está permitido.** Regístrelo como la respuesta "
                "del paciente y no insista.\n"
                "- **Se puede dar más de una respuesta.** Según la norma federal (OMB) de 2024, "
                "cada persona puede elegir todas las categorías que le correspondan: indígena "
                "americano o nativo de Alaska; asiático; negro o afroamericano; hispano o latino; "
                "del Medio Oriente o del Norte de África; nativo de Hawái u otras islas del "
                "Pacífico; blanco. “Del Medio Oriente o del Norte de África” ahora es una "
                "categoría propia.\n"
                "\n"
                "## Intérpretes\n"
                "\n"
                "Los pacientes que prefieren un idioma distinto del inglés tienen derecho a un "
                "intérprete calificado sin costo, en persona, por video o por teléfono. No dependa "
                "de familiares, y nunca de niños. Un familiar puede omitir cosas, añadir su propia "
                "opinión o no conocer las palabras médicas, y un niño no debería cargar con "
                "noticias de adultos sobre una enfermedad. Si un paciente pide que un familiar "
                "interprete, explíquele que el intérprete calificado es gratuito y siga la "
                "política de la clínica.\n"
                "\n"
                "## Cómo leer resultados por grupo\n"
                "\n"
                "Los resultados estratificados muestran un indicador separado por grupos, por "
                "ejemplo por idioma, grupo de edad o raza y origen étnico.\n"
                "\n"
                "- **Mire cada grupo, no solo el promedio.** Un promedio general puede ocultar a "
                "un grupo al que le va mucho peor.\n"
                "- **Los números pequeños se ocultan.** Cuando un grupo tiene menos de 11 "
                "personas, el informe muestra “menos de 11” en lugar del número. Así se protege la "
                "privacidad, y un resultado tan pequeño no es confiable por sí solo.\n"
                "- **Pregúntese quién falta.** Compare la proporción de cada grupo entre quienes "
                "respondieron con su proporción entre los pacientes.\n"
                "\n"
                "**Ejemplo práctico.** En nuestra encuesta “¿En qué deberíamos trabajar este "
                "año?”, el 34 % de nuestros pacientes prefiere el español, pero solo el 22 % de "
                "las respuestas llegó en español. Los hablantes de vietnamita son el 9 % de los "
                "pacientes, pero el 5 % de quienes respondieron. Los dos grupos están "
                "subrepresentados, así que la clasificación general se inclina hacia otras voces. "
                "El acceso a intérpretes quedó en 1.er lugar entre los hispanohablantes, pero solo "
                "en 4.º lugar en general. No descartamos el resultado general: miramos cada grupo, "
                "consideramos los resultados ponderados y buscamos a las personas que nos faltan.\n"
                "\n"
                "## Cerrar el ciclo: “Ustedes dijeron, nosotros hicimos”\n"
                "\n"
                "Cuando los pacientes nos dan su tiempo, merecen saber qué pasó. Cuando se adopta "
                "un cambio, enviamos un mensaje breve de “Ustedes dijeron, nosotros hicimos” en el "
                "idioma de cada persona y publicamos el cambio en nuestra página pública “Lo que "
                "cambiamos”. Por ejemplo: “Nos dijeron que era difícil conseguir un intérprete. "
                "Ahora reservamos los intérpretes un día antes de su cita”. Incluso cuando no "
                "podemos hacer un cambio, explicar por qué genera confianza, y la gente estará más "
                "dispuesta a responder la próxima vez.\n"
            ),
            "vi": (
                "## Vì sao chúng ta hỏi\n"
                "\n"
                "Chúng ta hỏi bệnh nhân về chủng tộc, sắc tộc, ngôn ngữ ưu tiên và các thông tin "
                "khác để có thể kiểm tra xem mọi nhóm có nhận được chất lượng chăm sóc như nhau "
                "hay không. Không có thông tin này, những khoảng cách sẽ bị che khuất. Ví dụ, việc "
                "kiểm soát huyết áp có thể trông tốt khi tính trung bình nhưng lại kém hơn nhiều ở "
                "một nhóm.\n"
                "\n"
                "## Hỏi một cách tôn trọng\n"
                "\n"
                "- **Để mỗi người tự mô tả mình.** Chủng tộc và sắc tộc do chính người đó tự khai. "
                "Không bao giờ đoán dựa vào tên, giọng nói hay ngoại hình, và không điền câu trả "
                "lời thay cho họ.\n"
                "- **Giải thích lý do quý vị hỏi.** Ví dụ: “Chúng tôi hỏi mọi người những câu này "
                "để bảo đảm tất cả bệnh nhân đều nhận được chất lượng chăm sóc như nhau. Câu trả "
                "lời của ông/bà được giữ kín và không làm thay đổi việc chăm sóc.”\n"
                "- **Luôn được chọn “Không muốn trả lời”.** Ghi nhận đó là câu trả lời của bệnh "
                "nhân và không ép buộc.\n"
                "- **Có thể chọn nhiều hơn một câu trả lời.** Theo tiêu chuẩn liên bang (OMB) năm "
                "2024, mỗi người có thể chọn tất cả các nhóm phù hợp với mình: Người Mỹ bản địa "
                "hoặc thổ dân Alaska; Người châu Á; Người da đen hoặc người Mỹ gốc Phi; Người gốc "
                "Tây Ban Nha hoặc La-tinh; Người Trung Đông hoặc Bắc Phi; Người Hawaii bản địa "
                "hoặc người đảo Thái Bình Dương; Người da trắng. Nhóm Trung Đông hoặc Bắc Phi nay "
                "là một nhóm riêng.\n"
                "\n"
                "## Thông dịch viên\n"
                "\n"
                "Bệnh nhân ưu tiên một ngôn ngữ khác tiếng Anh có quyền được có thông dịch viên có "
                "chuyên môn miễn phí, trực tiếp, qua video hoặc qua điện thoại. Đừng dựa vào người "
                "nhà, và tuyệt đối không dựa vào trẻ em. Người nhà có thể bỏ sót thông tin, thêm ý "
                "kiến riêng hoặc không biết từ ngữ y khoa, còn trẻ em không nên phải gánh những "
                "tin tức về bệnh tật dành cho người lớn. Nếu bệnh nhân muốn người nhà thông dịch, "
                "hãy giải thích rằng thông dịch viên có chuyên môn là miễn phí và làm theo quy "
                "định của phòng khám.\n"
                "\n"
                "## Đọc kết quả phân theo nhóm\n"
                "\n"
                "Kết quả phân tầng cho thấy một chỉ số được chia theo từng nhóm, chẳng hạn theo "
                "ngôn ngữ, nhóm tuổi hoặc chủng tộc và sắc tộc.\n"
                "\n"
                "- **Xem từng nhóm, không chỉ con số trung bình.** Trung bình chung có thể che "
                "khuất một nhóm đang gặp khó khăn hơn nhiều.\n"
                "- **Con số nhỏ sẽ được ẩn.** Khi một nhóm có ít hơn 11 người, báo cáo ghi “ít hơn "
                "11” thay vì con số cụ thể. Điều này bảo vệ quyền riêng tư, và một kết quả nhỏ như "
                "vậy tự nó không đáng tin cậy.\n"
                "- **Hỏi xem ai đang vắng mặt.** So sánh tỷ lệ của mỗi nhóm trong số người trả lời "
                "với tỷ lệ của nhóm đó trong số bệnh nhân.\n"
                "\n"
                "**Ví dụ minh họa.** Trong khảo sát “Năm nay chúng ta nên tập trung vào việc gì?”, "
                "34% bệnh nhân của chúng ta ưu tiên tiếng Tây Ban Nha, nhưng chỉ 22% người trả lời "
                "dùng tiếng Tây Ban Nha. Người nói tiếng Việt chiếm 9% số bệnh nhân nhưng chỉ 5% "
                "số người trả lời. Cả hai nhóm đều chưa được đại diện đầy đủ, nên thứ hạng chung "
                "nghiêng về tiếng nói của các nhóm khác. Việc tiếp cận thông dịch viên đứng thứ 1 "
                "trong nhóm nói tiếng Tây Ban Nha nhưng chỉ đứng thứ 4 tính chung. Chúng ta không "
                "bỏ kết quả chung: chúng ta xem từng nhóm, cân nhắc kết quả có trọng số và chủ "
                "động liên hệ với những người còn vắng mặt.\n"
                "\n"
                "## Khép lại vòng phản hồi: “Quý vị đã nói, chúng tôi đã làm”\n"
                "\n"
                "Khi bệnh nhân dành thời gian cho chúng ta, họ xứng đáng được biết điều gì đã diễn "
                "ra. Khi một thay đổi được áp dụng, chúng ta gửi một tin nhắn ngắn “Quý vị đã nói, "
                "chúng tôi đã làm” bằng ngôn ngữ của từng người và đăng thay đổi đó trên trang "
                "công khai “Những gì chúng tôi đã thay đổi”. Ví dụ: “Quý vị cho biết rất khó có "
                "được thông dịch viên. Giờ đây chúng tôi đặt thông dịch viên trước buổi khám một "
                "ngày.” Ngay cả khi không thể thay đổi, việc giải thích lý do cũng tạo dựng lòng "
                "tin, và mọi người sẽ sẵn lòng trả lời hơn vào lần sau.\n"
            ),
            "zh_Hans": (
                "## 我们为什么要问\n"
                "\n"
                "我们询问病人的种族、族裔、首选语言和其他信息，是为了检查每个群体是否都得到同样质量"
                "的医疗服务。没有这些信息，差距就会被掩盖。例如，血压控制情况从平均值看可能不错，"
                "但某一个群体却可能差得多。\n"
                "\n"
                "## 以尊重的方式提问\n"
                "\n"
                "- **让每个人自己描述自己**。种族和族裔由本人自行填报。绝不要根据姓名、"
                "口音或外貌来猜测，也不要替病人填写答案。\n"
                "- **说明您为什么要问**。例如：“我们会问每一位病人这些问题，"
                "以确保所有病人都得到同样质量的医疗服务。您的回答会保密，也不会影响您的治疗。”\n"
                "- **始终可以选择“不愿透露”**。把它记录为病人的回答，不要勉强。\n"
                "- **可以选择不止一个答案**。根据 2024 年联邦（OMB）标准，"
                "每个人可以选择所有符合自己情况的类别：美洲印第安人或阿拉斯加原住民；亚裔；"
                "黑人或非裔美国人；西班牙裔或拉丁裔；中东或北非裔；夏威夷原住民或太平洋岛民；白人。"
                "中东或北非裔现在是一个独立的类别。\n"
                "\n"
                "## 口译员\n"
                "\n"
                "首选语言不是英语的病人有权免费获得合格的口译服务，可以是现场、视频或电话口译。"
                "不要依赖家人，更绝不要依赖儿童。家人可能会漏掉内容、加入自己的意见，"
                "或者不懂医学用语；而孩子不应承担本该由成年人接收的病情消息。"
                "如果病人要求由家人口译，请说明合格的口译服务是免费的，并按照诊所的规定处理。\n"
                "\n"
                "## 阅读分组结果\n"
                "\n"
                "分层结果是把一个指标按群体拆分后显示，例如按语言、年龄段或种族和族裔。\n"
                "\n"
                "- **逐个查看每个群体，而不只看平均值**。总体平均值可能掩盖一个情况差得多的群体。\n"
                "- **小数字会被隐藏**。当一个群体少于 11 人时，报告会显示“少于 "
                "11”而不显示具体数字。这样可以保护隐私，而且这么小的结果本身也不可靠。\n"
                "- **问一问谁没有出现**。把每个群体在回答者中所占的比例，"
                "与它在病人中所占的比例作比较。\n"
                "\n"
                "**实例**。在我们的“今年我们应该重点做什么？”调查中，34% 的病人首选西班牙语，"
                "但只有 22% 的回答是用西班牙语提交的。讲越南语的人占病人的 9%，却只占回答者的 5%。"
                "这两个群体的代表性都不足，因此总体排名偏向了其他人的声音。"
                "口译服务在讲西班牙语的人中排第 1 位，但在总体中只排第 4 位。我们不会丢弃总体结果，"
                "而是逐个查看每个群体，参考加权后的结果，并主动联系还没有听到其声音的人。\n"
                "\n"
                "## 形成闭环：“您说了，我们做了”\n"
                "\n"
                "病人付出了时间，就应该知道后来发生了什么。当一项改变被采纳时，"
                "我们会用每个人自己的语言发送一条简短的“您说了，我们做了”消息，"
                "并把这项改变列在我们公开的“我们做了哪些改变”页面上。例如："
                "“您告诉我们很难约到口译员。现在我们会在您就诊前一天预约好口译员。"
                "”即使我们无法做出改变，说明原因也能建立信任，人们下次也更愿意回答。\n"
            ),
            "ar": (
                "## لماذا نسأل\n"
                "\n"
                "نسأل المرضى عن العرق والأصل الإثني واللغة المفضلة وغيرها من المعلومات لكي نتحقق "
                "من أن كل فئة تحصل على الجودة نفسها من الرعاية. ومن دون هذه المعلومات تبقى الفجوات "
                "مخفية. فالسيطرة على ضغط الدم مثلًا قد تبدو جيدة في المتوسط، لكنها تكون أسوأ بكثير "
                "لدى فئة معينة.\n"
                "\n"
                "## السؤال باحترام\n"
                "\n"
                "- **دعوا كل شخص يصف نفسه.** العرق والأصل الإثني يحددهما الشخص بنفسه. لا تخمّنوهما "
                "أبدًا من الاسم أو اللهجة أو المظهر، ولا تملؤوا الإجابة نيابةً عنه.\n"
                "- **اشرحوا سبب السؤال.** مثلًا: «نطرح هذه الأسئلة على الجميع لنتأكد من أن كل "
                "مرضانا يحصلون على الجودة نفسها من الرعاية. إجاباتك سرية ولا تغيّر شيئًا في "
                "رعايتك».\n"
                "- **خيار «أفضّل عدم الإجابة» مسموح دائمًا.** سجّلوه على أنه إجابة المريض ولا "
                "تُلحّوا عليه.\n"
                "- **يجوز اختيار أكثر من إجابة.** وفق المعيار الفيدرالي (OMB) لعام 2024، يمكن لكل "
                "شخص أن يختار كل الفئات التي تنطبق عليه: هندي أمريكي أو من سكان ألاسكا الأصليين؛ "
                "آسيوي؛ أسود أو أمريكي من أصل أفريقي؛ هسباني أو لاتيني؛ من الشرق الأوسط أو شمال "
                "أفريقيا؛ من سكان هاواي الأصليين أو جزر المحيط الهادئ؛ أبيض. وأصبحت فئة «الشرق "
                "الأوسط أو شمال أفريقيا» فئة مستقلة.\n"
                "\n"
                "## المترجمون الفوريون\n"
                "\n"
                "يحق للمرضى الذين يفضّلون لغة غير الإنجليزية الحصول على مترجم فوري مؤهل مجانًا، "
                "حضوريًا أو عبر الفيديو أو الهاتف. لا تعتمدوا على أفراد الأسرة، ولا تعتمدوا أبدًا "
                "على الأطفال. فقد يُغفل القريب بعض الأمور، أو يضيف رأيه الخاص، أو لا يعرف "
                "المصطلحات الطبية، ولا ينبغي أن يتحمل الطفل أخبار المرض الموجّهة إلى الكبار. وإذا "
                "طلب المريض أن يترجم له أحد أقاربه، فاشرحوا له أن المترجم المؤهل مجاني، واتبعوا "
                "سياسة العيادة.\n"
                "\n"
                "## قراءة النتائج المصنّفة حسب الفئات\n"
                "\n"
                "النتائج المصنّفة تعرض المؤشر مقسّمًا حسب الفئات، مثل اللغة أو الفئة العمرية أو "
                "العرق والأصل الإثني.\n"
                "\n"
                "- **انظروا إلى كل فئة، لا إلى المتوسط وحده.** فقد يُخفي المتوسط العام فئة وضعها "
                "أسوأ بكثير.\n"
                "- **الأعداد الصغيرة تُخفى.** عندما يقل عدد أفراد فئة عن 11 شخصًا، يعرض التقرير "
                "«أقل من 11» بدلًا من العدد. وهذا يحمي الخصوصية، كما أن نتيجة صغيرة كهذه لا يُعتمد "
                "عليها وحدها.\n"
                "- **اسألوا: من الغائب؟** قارنوا نسبة كل فئة بين المجيبين بنسبتها بين المرضى.\n"
                "\n"
                "**مثال تطبيقي.** في استبياننا «على ماذا ينبغي أن نعمل هذا العام؟»، يفضّل 34% من "
                "مرضانا اللغة الإسبانية، لكن 22% فقط من الإجابات جاءت بالإسبانية. ويشكّل الناطقون "
                "بالفيتنامية 9% من المرضى لكن 5% فقط من المجيبين. فكلتا الفئتين ممثلة تمثيلًا "
                "ناقصًا، ولذلك يميل الترتيب العام نحو أصوات أخرى. وقد جاءت إتاحة المترجمين "
                "الفوريين في المرتبة الأولى لدى الناطقين بالإسبانية، لكنها جاءت في المرتبة الرابعة "
                "فقط في الترتيب العام. ونحن لا نتجاهل النتيجة العامة، بل ننظر إلى كل فئة، ونأخذ "
                "النتائج المرجّحة في الحسبان، ونتواصل مع من لم نسمع أصواتهم.\n"
                "\n"
                "## إغلاق الحلقة: «قلتم، ففعلنا»\n"
                "\n"
                "عندما يمنحنا المرضى من وقتهم، فمن حقهم أن يعرفوا ما الذي حدث. وعندما يُعتمد تغيير "
                "ما، نرسل رسالة قصيرة بعنوان «قلتم، ففعلنا» بلغة كل شخص، وندرج التغيير في صفحتنا "
                "العامة «ما الذي غيّرناه». مثلًا: «أخبرتمونا أن الحصول على مترجم فوري كان صعبًا. "
                "والآن نحجز المترجم قبل موعدكم بيوم». وحتى عندما لا نستطيع إجراء التغيير، فإن شرح "
                "السبب يبني الثقة، ويجعل الناس أكثر استعدادًا للإجابة في المرة القادمة.\n"
            ),
        },
        "questions": [
            {
                "kind": "single",
                "text": {
                    "en": (
                        "A new patient, Fatima Haddad, leaves the race and ethnicity question "
                        "blank on her registration form. What should you do?"
                    ),
                    "es": (
                        "Una paciente nueva, Fatima Haddad, deja en blanco la pregunta sobre raza "
                        "y origen étnico en su formulario de registro. ¿Qué debe hacer usted?"
                    ),
                    "vi": (
                        "Một bệnh nhân mới, Fatima Haddad, để trống câu hỏi về chủng tộc và sắc "
                        "tộc trong mẫu đăng ký. Quý vị nên làm gì?"
                    ),
                    "zh_Hans": (
                        "新病人 Fatima Haddad 在登记表上没有填写种族和族裔一栏。您应该怎么做？"
                    ),
                    "ar": (
                        "تركت مريضة جديدة اسمها فاطمة حداد سؤال العرق والأصل الإثني فارغًا في "
                        "استمارة التسجيل. ماذا ينبغي أن تفعلوا؟"
                    ),
                },
                "explanation": {
                    "en": (
                        "Race and ethnicity are self-reported. You can explain why we ask, but "
                        "never guess from a name or appearance, and “prefer not to say” is always "
                        "a valid answer."
                    ),
                    "es": (
                        "La raza y el origen étnico los declara la propia persona. Usted puede "
                        "explicar por qué preguntamos, pero nunca adivine por el nombre o el "
                        "aspecto, y “prefiero no decirlo” siempre es una respuesta válida."
                    ),
                    "vi": (
                        "Chủng tộc và sắc tộc do chính người đó tự khai. Quý vị có thể giải thích "
                        "lý do chúng ta hỏi, nhưng không bao giờ đoán dựa vào tên hay ngoại hình, "
                        "và “Không muốn trả lời” luôn là một câu trả lời hợp lệ."
                    ),
                    "zh_Hans": (
                        "种族和族裔由本人自行填报。您可以说明我们为什么要问，"
                        "但绝不能根据姓名或外貌猜测，而且“不愿透露”始终是有效的回答。"
                    ),
                    "ar": (
                        "العرق والأصل الإثني يحددهما الشخص بنفسه. يمكنكم شرح سبب سؤالنا، لكن لا "
                        "تخمّنوا أبدًا من الاسم أو المظهر، و«أفضّل عدم الإجابة» إجابة مقبولة "
                        "دائمًا."
                    ),
                },
                "choices": [
                    {
                        "key": "a",
                        "text": {
                            "en": "Mark “Middle Eastern or North African” based on her name.",
                            "es": "Marcar “del Medio Oriente o del Norte de África” por su nombre.",
                            "vi": "Đánh dấu “Người Trung Đông hoặc Bắc Phi” dựa vào tên của bà.",
                            "zh_Hans": "根据她的名字勾选“中东或北非裔”。",
                            "ar": "اختيار «من الشرق الأوسط أو شمال أفريقيا» بناءً على اسمها.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "b",
                        "text": {
                            "en": (
                                "Briefly explain why the clinic asks, and let her choose an answer "
                                "or “prefer not to say”."
                            ),
                            "es": (
                                "Explicarle brevemente por qué la clínica pregunta y dejar que "
                                "elija una respuesta o “prefiero no decirlo”."
                            ),
                            "vi": (
                                "Giải thích ngắn gọn vì sao phòng khám hỏi, và để bà chọn một câu "
                                "trả lời hoặc “Không muốn trả lời”."
                            ),
                            "zh_Hans": "简要说明诊所为什么要问，让她自己选择一个答案或“不愿透露”。",
                            "ar": (
                                "شرح سبب سؤال العيادة باختصار، وتركها تختار إجابة أو «أفضّل عدم "
                                "الإجابة»."
                            ),
                        },
                        "correct": True,
                    },
                    {
                        "key": "c",
                        "text": {
                            "en": "Leave it blank for now and fill it in later from her chart.",
                            "es": (
                                "Dejarlo en blanco por ahora y llenarlo después con datos de su "
                                "expediente."
                            ),
                            "vi": "Tạm để trống rồi điền sau dựa vào hồ sơ bệnh án.",
                            "zh_Hans": "先空着，之后根据她的病历补填。",
                            "ar": "ترك السؤال فارغًا الآن وملؤه لاحقًا من ملفها الطبي.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "d",
                        "text": {
                            "en": "Tell her the question must be answered before she can be seen.",
                            "es": (
                                "Decirle que debe responder la pregunta antes de que la atiendan."
                            ),
                            "vi": "Nói với bà rằng phải trả lời câu hỏi này thì mới được khám.",
                            "zh_Hans": "告诉她必须回答这个问题才能看病。",
                            "ar": "إخبارها بأنه لا بد من الإجابة عن السؤال قبل أن تُفحص.",
                        },
                        "correct": False,
                    },
                ],
            },
            {
                "kind": "multiple",
                "text": {
                    "en": (
                        "Which statements match the 2024 OMB standard for race and ethnicity? "
                        "(Choose all that apply.)"
                    ),
                    "es": (
                        "¿Qué afirmaciones coinciden con la norma de la OMB de 2024 sobre raza y "
                        "origen étnico? (Elija todas las que correspondan.)"
                    ),
                    "vi": (
                        "Những nhận định nào phù hợp với tiêu chuẩn OMB năm 2024 về chủng tộc và "
                        "sắc tộc? (Chọn tất cả các câu đúng.)"
                    ),
                    "zh_Hans": (
                        "以下哪些说法符合 2024 年 OMB 种族和族裔标准？（选出所有正确答案。）"
                    ),
                    "ar": (
                        "أي العبارات التالية تتفق مع معيار OMB لعام 2024 بشأن العرق والأصل الإثني؟ "
                        "(اختاروا كل الإجابات الصحيحة.)"
                    ),
                },
                "explanation": {
                    "en": (
                        "The 2024 standard uses one combined question in which people choose every "
                        "category that applies, and it adds Middle Eastern or North African as its "
                        "own category. The answer always comes from the patient."
                    ),
                    "es": (
                        "La norma de 2024 usa una sola pregunta combinada en la que cada persona "
                        "elige todas las categorías que le correspondan, y añade “del Medio "
                        "Oriente o del Norte de África” como categoría propia. La respuesta "
                        "siempre viene del paciente."
                    ),
                    "vi": (
                        "Tiêu chuẩn năm 2024 dùng một câu hỏi kết hợp, trong đó mỗi người chọn tất "
                        "cả các nhóm phù hợp, và bổ sung nhóm Trung Đông hoặc Bắc Phi thành một "
                        "nhóm riêng. Câu trả lời luôn do bệnh nhân đưa ra."
                    ),
                    "zh_Hans": (
                        "2024 年标准使用一个合并的问题，每个人可以选择所有符合的类别，"
                        "并把中东或北非裔新增为一个独立类别。答案始终来自病人本人。"
                    ),
                    "ar": (
                        "يستخدم معيار 2024 سؤالًا واحدًا مدمجًا يختار فيه كل شخص جميع الفئات التي "
                        "تنطبق عليه، ويضيف «الشرق الأوسط أو شمال أفريقيا» فئةً مستقلة. والإجابة "
                        "تأتي دائمًا من المريض نفسه."
                    ),
                },
                "choices": [
                    {
                        "key": "a",
                        "text": {
                            "en": "A person may choose more than one race or ethnicity.",
                            "es": "Una persona puede elegir más de una raza u origen étnico.",
                            "vi": "Một người có thể chọn nhiều hơn một chủng tộc hoặc sắc tộc.",
                            "zh_Hans": "一个人可以选择不止一个种族或族裔。",
                            "ar": "يمكن للشخص أن يختار أكثر من عرق أو أصل إثني.",
                        },
                        "correct": True,
                    },
                    {
                        "key": "b",
                        "text": {
                            "en": (
                                "Hispanic or Latino may only be asked as a separate yes-or-no "
                                "question."
                            ),
                            "es": (
                                "“Hispano o latino” solo se puede preguntar en una pregunta aparte "
                                "de sí o no."
                            ),
                            "vi": (
                                "Chỉ được hỏi về gốc Tây Ban Nha hoặc La-tinh bằng một câu hỏi "
                                "có/không riêng."
                            ),
                            "zh_Hans": "西班牙裔或拉丁裔只能用一个单独的“是/否”问题来询问。",
                            "ar": (
                                "لا يجوز السؤال عن الأصل الهسباني أو اللاتيني إلا في سؤال منفصل "
                                "بنعم أو لا."
                            ),
                        },
                        "correct": False,
                    },
                    {
                        "key": "c",
                        "text": {
                            "en": "Middle Eastern or North African is its own category.",
                            "es": (
                                "“Del Medio Oriente o del Norte de África” es una categoría propia."
                            ),
                            "vi": "Trung Đông hoặc Bắc Phi là một nhóm riêng.",
                            "zh_Hans": "中东或北非裔是一个独立的类别。",
                            "ar": "«الشرق الأوسط أو شمال أفريقيا» فئة مستقلة.",
                        },
                        "correct": True,
                    },
                    {
                        "key": "d",
                        "text": {
                            "en": "Staff should choose a category when the patient hesitates.",
                            "es": "El personal debe elegir una categoría cuando el paciente duda.",
                            "vi": "Nhân viên nên chọn giúp một nhóm khi bệnh nhân còn lưỡng lự.",
                            "zh_Hans": "病人犹豫时，工作人员应替他选择一个类别。",
                            "ar": "ينبغي للموظف أن يختار فئة عندما يتردد المريض.",
                        },
                        "correct": False,
                    },
                ],
            },
            {
                "kind": "single",
                "text": {
                    "en": (
                        "A Vietnamese-speaking patient arrives with her 12-year-old son, who "
                        "speaks English well and offers to interpret. What is the best thing to do?"
                    ),
                    "es": (
                        "Una paciente que habla vietnamita llega con su hijo de 12 años, que habla "
                        "bien inglés y se ofrece a interpretar. ¿Qué es lo mejor que puede hacer?"
                    ),
                    "vi": (
                        "Một bệnh nhân nói tiếng Việt đến cùng con trai 12 tuổi, cậu bé nói tiếng "
                        "Anh giỏi và xin được thông dịch. Điều tốt nhất nên làm là gì?"
                    ),
                    "zh_Hans": (
                        "一位讲越南语的病人带着 12 岁的儿子前来，孩子英语很好，主动提出要帮忙翻译。"
                        "最好的做法是什么？"
                    ),
                    "ar": (
                        "وصلت مريضة تتحدث الفيتنامية مع ابنها البالغ من العمر 12 عامًا، وهو يتقن "
                        "الإنجليزية ويعرض أن يترجم. ما أفضل تصرف؟"
                    ),
                },
                "explanation": {
                    "en": (
                        "Children should not interpret in health care: they may not know medical "
                        "words, may leave things out, and should not carry adult health news. A "
                        "qualified interpreter, in person, by video or by phone, is safer and free "
                        "for the patient."
                    ),
                    "es": (
                        "Los niños no deben interpretar en la atención médica: puede que no "
                        "conozcan las palabras médicas, pueden omitir cosas y no deberían cargar "
                        "con noticias de salud de adultos. Un intérprete calificado, en persona, "
                        "por video o por teléfono, es más seguro y gratuito para la paciente."
                    ),
                    "vi": (
                        "Trẻ em không nên làm thông dịch trong chăm sóc y tế: các em có thể không "
                        "biết từ ngữ y khoa, có thể bỏ sót thông tin và không nên phải gánh những "
                        "tin tức sức khỏe của người lớn. Thông dịch viên có chuyên môn, trực tiếp, "
                        "qua video hoặc qua điện thoại, an toàn hơn và miễn phí cho bệnh nhân."
                    ),
                    "zh_Hans": (
                        "儿童不应在医疗场合担任口译：他们可能不懂医学用语，可能漏掉内容，"
                        "也不应承担成年人的健康消息。合格的口译员，无论是现场、视频还是电话，"
                        "都更安全，而且对病人免费。"
                    ),
                    "ar": (
                        "لا ينبغي للأطفال أن يترجموا في الرعاية الصحية: فقد لا يعرفون المصطلحات "
                        "الطبية، وقد يُغفلون بعض الأمور، ولا ينبغي أن يتحملوا أخبارًا صحية موجهة "
                        "إلى الكبار. والمترجم المؤهل، حضوريًا أو عبر الفيديو أو الهاتف، أكثر "
                        "أمانًا ومجاني للمريضة."
                    ),
                },
                "choices": [
                    {
                        "key": "a",
                        "text": {
                            "en": "Let the son interpret, because it is faster.",
                            "es": "Dejar que el hijo interprete, porque es más rápido.",
                            "vi": "Để cậu con trai thông dịch vì như vậy nhanh hơn.",
                            "zh_Hans": "让儿子来翻译，因为这样更快。",
                            "ar": "ترك الابن يترجم لأن ذلك أسرع.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "b",
                        "text": {
                            "en": "Speak slowly in simple English and use gestures.",
                            "es": "Hablar despacio en inglés sencillo y usar gestos.",
                            "vi": "Nói chậm bằng tiếng Anh đơn giản và dùng cử chỉ.",
                            "zh_Hans": "放慢语速，用简单的英语加手势交流。",
                            "ar": "التحدث ببطء بإنجليزية بسيطة واستخدام الإشارات.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "c",
                        "text": {
                            "en": "Ask the patient to come back on another day.",
                            "es": "Pedir a la paciente que vuelva otro día.",
                            "vi": "Đề nghị bệnh nhân quay lại vào một ngày khác.",
                            "zh_Hans": "请病人改天再来。",
                            "ar": "الطلب من المريضة أن تعود في يوم آخر.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "d",
                        "text": {
                            "en": (
                                "Thank him, and connect a qualified interpreter by phone or video."
                            ),
                            "es": (
                                "Agradecerle y conectar a un intérprete calificado por teléfono o "
                                "video."
                            ),
                            "vi": (
                                "Cảm ơn cậu bé và kết nối với một thông dịch viên có chuyên môn "
                                "qua điện thoại hoặc video."
                            ),
                            "zh_Hans": "谢谢孩子，然后通过电话或视频接通合格的口译员。",
                            "ar": "شكره، ثم الاتصال بمترجم مؤهل عبر الهاتف أو الفيديو.",
                        },
                        "correct": True,
                    },
                ],
            },
            {
                "kind": "multiple",
                "text": {
                    "en": (
                        "You are reading a survey report broken down by language and age band. "
                        "Which are good practices? (Choose all that apply.)"
                    ),
                    "es": (
                        "Usted está leyendo un informe de encuesta separado por idioma y grupo de "
                        "edad. ¿Cuáles son buenas prácticas? (Elija todas las que correspondan.)"
                    ),
                    "vi": (
                        "Quý vị đang đọc một báo cáo khảo sát được chia theo ngôn ngữ và nhóm "
                        "tuổi. Những cách làm nào là đúng? (Chọn tất cả các câu đúng.)"
                    ),
                    "zh_Hans": (
                        "您正在阅读一份按语言和年龄段划分的调查报告。以下哪些是好的做法？"
                        "（选出所有正确答案。）"
                    ),
                    "ar": (
                        "تقرؤون تقرير استبيان مقسّمًا حسب اللغة والفئة العمرية. أيٌّ مما يلي "
                        "ممارسات جيدة؟ (اختاروا كل الإجابات الصحيحة.)"
                    ),
                },
                "explanation": {
                    "en": (
                        "An average can hide a group that is doing worse, and comparing shares "
                        "shows who is missing. Groups with fewer than 11 people are hidden to "
                        "protect privacy, so we do not try to find out who they are."
                    ),
                    "es": (
                        "Un promedio puede ocultar a un grupo al que le va peor, y comparar "
                        "proporciones muestra quién falta. Los grupos de menos de 11 personas se "
                        "ocultan para proteger la privacidad, así que no intentamos averiguar "
                        "quiénes son."
                    ),
                    "vi": (
                        "Con số trung bình có thể che khuất một nhóm đang gặp khó khăn hơn, và so "
                        "sánh tỷ lệ cho thấy ai đang vắng mặt. Các nhóm có ít hơn 11 người được ẩn "
                        "để bảo vệ quyền riêng tư, vì vậy chúng ta không tìm cách biết họ là ai."
                    ),
                    "zh_Hans": (
                        "平均值可能掩盖一个情况较差的群体，比较比例则能看出谁没有出现。少于 11 "
                        "人的群体会被隐藏以保护隐私，所以我们不会设法查出他们是谁。"
                    ),
                    "ar": (
                        "قد يُخفي المتوسط فئة وضعها أسوأ، ومقارنة النسب تبيّن من الغائب. والفئات "
                        "التي يقل عددها عن 11 شخصًا تُخفى لحماية الخصوصية، فلا نحاول معرفة هوية "
                        "أفرادها."
                    ),
                },
                "choices": [
                    {
                        "key": "a",
                        "text": {
                            "en": (
                                "Ask for the names of the people in a group shown as “fewer than "
                                "11”."
                            ),
                            "es": (
                                "Pedir los nombres de las personas de un grupo que aparece como "
                                "“menos de 11”."
                            ),
                            "vi": "Xin tên của những người trong một nhóm được ghi là “ít hơn 11”.",
                            "zh_Hans": "索要显示为“少于 11”的群体中那些人的姓名。",
                            "ar": "طلب أسماء الأشخاص في فئة معروضة على أنها «أقل من 11».",
                        },
                        "correct": False,
                    },
                    {
                        "key": "b",
                        "text": {
                            "en": "Look at each group's result, not only the overall average.",
                            "es": "Mirar el resultado de cada grupo, no solo el promedio general.",
                            "vi": "Xem kết quả của từng nhóm, không chỉ con số trung bình chung.",
                            "zh_Hans": "查看每个群体的结果，而不只看总体平均值。",
                            "ar": "النظر إلى نتيجة كل فئة، لا إلى المتوسط العام وحده.",
                        },
                        "correct": True,
                    },
                    {
                        "key": "c",
                        "text": {
                            "en": "Assume the overall average is true for every group.",
                            "es": "Suponer que el promedio general vale para todos los grupos.",
                            "vi": "Cho rằng con số trung bình chung đúng với mọi nhóm.",
                            "zh_Hans": "认为总体平均值适用于每个群体。",
                            "ar": "افتراض أن المتوسط العام ينطبق على كل فئة.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "d",
                        "text": {
                            "en": (
                                "Compare each group's share of respondents with its share of "
                                "patients."
                            ),
                            "es": (
                                "Comparar la proporción de cada grupo entre quienes respondieron "
                                "con su proporción entre los pacientes."
                            ),
                            "vi": (
                                "So sánh tỷ lệ của mỗi nhóm trong số người trả lời với tỷ lệ của "
                                "nhóm đó trong số bệnh nhân."
                            ),
                            "zh_Hans": (
                                "把每个群体在回答者中所占的比例与它在病人中所占的比例作比较。"
                            ),
                            "ar": "مقارنة نسبة كل فئة بين المجيبين بنسبتها بين المرضى.",
                        },
                        "correct": True,
                    },
                ],
            },
            {
                "kind": "single",
                "text": {
                    "en": (
                        "Spanish speakers are 34% of the clinic's patients but only 22% of survey "
                        "respondents. What does this tell you?"
                    ),
                    "es": (
                        "Los hispanohablantes son el 34 % de los pacientes de la clínica, pero "
                        "solo el 22 % de quienes respondieron la encuesta. ¿Qué le indica esto?"
                    ),
                    "vi": (
                        "Người nói tiếng Tây Ban Nha chiếm 34% số bệnh nhân của phòng khám nhưng "
                        "chỉ 22% số người trả lời khảo sát. Điều này cho quý vị biết gì?"
                    ),
                    "zh_Hans": (
                        "讲西班牙语的人占诊所病人的 34%，却只占调查回答者的 22%。这说明了什么？"
                    ),
                    "ar": (
                        "يشكّل الناطقون بالإسبانية 34% من مرضى العيادة، لكنهم 22% فقط من المجيبين "
                        "عن الاستبيان. ماذا يخبركم ذلك؟"
                    ),
                },
                "explanation": {
                    "en": (
                        "When a group's share of respondents is smaller than its share of "
                        "patients, its voice counts for less in the overall result. Look at that "
                        "group's own results, consider weighting, and reach out to hear from more "
                        "of its members."
                    ),
                    "es": (
                        "Cuando la proporción de un grupo entre quienes respondieron es menor que "
                        "su proporción entre los pacientes, su voz pesa menos en el resultado "
                        "general. Mire los resultados propios de ese grupo, considere la "
                        "ponderación y busque escuchar a más de sus integrantes."
                    ),
                    "vi": (
                        "Khi tỷ lệ của một nhóm trong số người trả lời thấp hơn tỷ lệ của nhóm đó "
                        "trong số bệnh nhân, tiếng nói của nhóm ấy có sức nặng ít hơn trong kết "
                        "quả chung. Hãy xem kết quả riêng của nhóm, cân nhắc việc gán trọng số và "
                        "chủ động lắng nghe thêm nhiều người trong nhóm đó."
                    ),
                    "zh_Hans": (
                        "当一个群体在回答者中的比例低于它在病人中的比例时，"
                        "它的声音在总体结果中的分量就会偏小。请查看该群体自己的结果，考虑进行加权，"
                        "并主动听取更多该群体成员的意见。"
                    ),
                    "ar": (
                        "عندما تكون نسبة فئة ما بين المجيبين أقل من نسبتها بين المرضى، يصبح وزن "
                        "صوتها أقل في النتيجة العامة. انظروا إلى نتائج هذه الفئة نفسها، وفكروا في "
                        "الترجيح، وتواصلوا مع المزيد من أفرادها لتسمعوا منهم."
                    ),
                },
                "choices": [
                    {
                        "key": "a",
                        "text": {
                            "en": "Spanish speakers care less about the clinic.",
                            "es": "A los hispanohablantes les importa menos la clínica.",
                            "vi": "Người nói tiếng Tây Ban Nha ít quan tâm đến phòng khám hơn.",
                            "zh_Hans": "讲西班牙语的人不太关心诊所。",
                            "ar": "الناطقون بالإسبانية أقل اهتمامًا بالعيادة.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "b",
                        "text": {
                            "en": "The results are fine, because 22% is still a large group.",
                            "es": (
                                "Los resultados están bien, porque el 22 % sigue siendo un grupo "
                                "grande."
                            ),
                            "vi": "Kết quả vẫn ổn, vì 22% vẫn là một nhóm lớn.",
                            "zh_Hans": "结果没有问题，因为 22% 仍然是一个很大的群体。",
                            "ar": "النتائج سليمة، لأن 22% ما زالت فئة كبيرة.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "c",
                        "text": {
                            "en": (
                                "Spanish speakers are under-represented, so the overall results "
                                "may not reflect their priorities."
                            ),
                            "es": (
                                "Los hispanohablantes están subrepresentados, así que los "
                                "resultados generales quizá no reflejen sus prioridades."
                            ),
                            "vi": (
                                "Người nói tiếng Tây Ban Nha chưa được đại diện đầy đủ, nên kết "
                                "quả chung có thể không phản ánh ưu tiên của họ."
                            ),
                            "zh_Hans": (
                                "讲西班牙语的人代表性不足，所以总体结果可能没有反映他们的优先事项。"
                            ),
                            "ar": (
                                "الناطقون بالإسبانية ممثَّلون تمثيلًا ناقصًا، لذا قد لا تعكس "
                                "النتائج العامة أولوياتهم."
                            ),
                        },
                        "correct": True,
                    },
                    {
                        "key": "d",
                        "text": {
                            "en": "The Spanish version of the survey must contain errors.",
                            "es": "La versión en español de la encuesta debe tener errores.",
                            "vi": "Bản khảo sát tiếng Tây Ban Nha chắc chắn có lỗi.",
                            "zh_Hans": "西班牙语版的调查一定有错误。",
                            "ar": "لا بد أن النسخة الإسبانية من الاستبيان فيها أخطاء.",
                        },
                        "correct": False,
                    },
                ],
            },
            {
                "kind": "single",
                "text": {
                    "en": (
                        "A change that patients asked for in the survey has been adopted. What "
                        "does “closing the loop” mean here?"
                    ),
                    "es": (
                        "Se adoptó un cambio que los pacientes pidieron en la encuesta. ¿Qué "
                        "significa aquí “cerrar el ciclo”?"
                    ),
                    "vi": (
                        "Một thay đổi mà bệnh nhân đề xuất trong khảo sát đã được áp dụng. “Khép "
                        "lại vòng phản hồi” ở đây có nghĩa là gì?"
                    ),
                    "zh_Hans": "病人在调查中提出的一项改变已被采纳。这里的“形成闭环”是什么意思？",
                    "ar": "اعتُمد تغيير طلبه المرضى في الاستبيان. ماذا يعني «إغلاق الحلقة» هنا؟",
                },
                "explanation": {
                    "en": (
                        "Closing the loop means telling the people who spoke up what we did with "
                        "their input, in their own language. It shows that their answers mattered "
                        "and makes them more likely to answer again."
                    ),
                    "es": (
                        "Cerrar el ciclo significa contar a quienes dieron su opinión qué hicimos "
                        "con ella, en su propio idioma. Así ven que sus respuestas importaron y es "
                        "más probable que vuelvan a responder."
                    ),
                    "vi": (
                        "Khép lại vòng phản hồi nghĩa là cho những người đã lên tiếng biết chúng "
                        "ta đã làm gì với ý kiến của họ, bằng chính ngôn ngữ của họ. Điều này cho "
                        "thấy câu trả lời của họ có giá trị và khiến họ sẵn lòng trả lời lần sau."
                    ),
                    "zh_Hans": (
                        "形成闭环是指用对方自己的语言，告诉提出意见的人我们根据他们的意见做了什么。"
                        "这表明他们的回答是有分量的，也会让他们更愿意再次回答。"
                    ),
                    "ar": (
                        "إغلاق الحلقة يعني أن نخبر من أبدوا آراءهم بما فعلناه بها، وبلغتهم. فهذا "
                        "يبيّن لهم أن إجاباتهم كانت مهمة، ويجعلهم أكثر استعدادًا للإجابة مرة أخرى."
                    ),
                },
                "choices": [
                    {
                        "key": "a",
                        "text": {
                            "en": (
                                "Sending the people who answered a short “You said, we did” "
                                "message in their language."
                            ),
                            "es": (
                                "Enviar a quienes respondieron un mensaje breve de “Ustedes "
                                "dijeron, nosotros hicimos” en su idioma."
                            ),
                            "vi": (
                                "Gửi cho những người đã trả lời một tin nhắn ngắn “Quý vị đã nói, "
                                "chúng tôi đã làm” bằng ngôn ngữ của họ."
                            ),
                            "zh_Hans": (
                                "用回答者的语言，给他们发送一条简短的“您说了，我们做了”消息。"
                            ),
                            "ar": "إرسال رسالة قصيرة بعنوان «قلتم، ففعلنا» إلى من أجابوا، بلغتهم.",
                        },
                        "correct": True,
                    },
                    {
                        "key": "b",
                        "text": {
                            "en": "Closing the survey so that no more answers come in.",
                            "es": "Cerrar la encuesta para que no lleguen más respuestas.",
                            "vi": "Đóng khảo sát để không nhận thêm câu trả lời.",
                            "zh_Hans": "关闭调查，不再接收新的回答。",
                            "ar": "إغلاق الاستبيان حتى لا تصل إجابات أخرى.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "c",
                        "text": {
                            "en": "Mentioning the change only in the annual report to funders.",
                            "es": (
                                "Mencionar el cambio solo en el informe anual para los "
                                "financiadores."
                            ),
                            "vi": (
                                "Chỉ nhắc đến thay đổi trong báo cáo thường niên gửi các nhà tài "
                                "trợ."
                            ),
                            "zh_Hans": "只在给资助方的年度报告中提到这项改变。",
                            "ar": "ذكر التغيير في التقرير السنوي للجهات المموّلة فقط.",
                        },
                        "correct": False,
                    },
                    {
                        "key": "d",
                        "text": {
                            "en": "Thanking the board members who voted for the change.",
                            "es": "Agradecer a los miembros de la junta que votaron por el cambio.",
                            "vi": "Cảm ơn các thành viên hội đồng đã bỏ phiếu cho thay đổi.",
                            "zh_Hans": "感谢投票支持这项改变的理事会成员。",
                            "ar": "شكر أعضاء مجلس الإدارة الذين صوّتوا لصالح التغيير.",
                        },
                        "correct": False,
                    },
                ],
            },
        ],
    },
]
