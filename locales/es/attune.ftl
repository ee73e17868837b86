# Las palabras del núcleo de Attune en español. Los mismos mensajes y variables que el inglés.

days-with-entry = { $count ->
    [one] { $count } día con entradas
   *[other] { $count } días con entradas
}

## Se muestra con cada ejercicio, en los resúmenes y en las exportaciones.

exercise-disclaimer = Los ejercicios de Attune son una ayuda para reflexionar. No son terapia, ni diagnóstico, ni un servicio de crisis. Si estás en peligro o podrías hacerte daño, llama ahora a los servicios de emergencia de tu zona o busca una línea de ayuda cercana en findahelpline.com.

## Los estantes del catálogo.

theme-shadow = Trabajo con la sombra
theme-boundaries = Límites
theme-reciprocity = Dar y recibir
theme-nervous-system = Cuerpo y sistema nervioso
theme-relationships = Relaciones
theme-patterns = Patrones
theme-gratitude = Gratitud
theme-integration = Integración

## Fechas, como patrones de chrono.

date-long = %-d de %B de %Y
date-short = %-d %b %Y
date-day-month = %-d de %B
date-weekday = %A, %-d de %B de %Y

## Estados de ánimo (1 a 5) y marcas de las listas.

mood-1 = muy bajo
mood-2 = bajo
mood-3 = estable
mood-4 = bueno
mood-5 = muy bueno
mark-yes = sí
mark-sometimes = a veces
mark-no = no

## El resumen en PDF.

summary-kicker-range = Attune · resumen
summary-kicker-person = Attune · una relación
summary-kicker-integration = Attune · integración
summary-title-range = Mis reflexiones
summary-title-person = Mi relación con { $person }
summary-title-integration = Mi periodo de integración
summary-after-dates-integration = , desde el último día del retiro hasta { $days } días después
summary-nothing-yet = Aún no hay nada escrito
summary-made = Hecho con Attune el { $date }.
summary-footer = Attune · { $dates }
summary-made-by-writer = Este resumen lo preparó la misma persona que escribió estas entradas, y eligió qué incluir.
summary-count-entries = { $count ->
    [one] entrada
   *[other] entradas
}
summary-count-journal = { $count ->
    [one] entrada del diario
   *[other] entradas del diario
}
summary-count-exercises = { $count ->
    [one] ejercicio
   *[other] ejercicios
}
summary-count-days = { $count ->
    [one] día con entradas
   *[other] días con entradas
}
summary-weekly-line = la línea es la media de cada semana
summary-basis = { $count ->
    [one] a partir de 1 entrada
   *[other] a partir de { $count } entradas
}
summary-mood = ánimo: { $mood }
summary-page = Página
summary-of = de
summary-no-entries = No hay entradas en este periodo.
summary-practised = Lo que se practicó
summary-exercise = Ejercicio
summary-times = Veces
summary-first = Primera
summary-latest = Última
summary-scores = Puntuaciones
summary-scores-note = Cada puntuación describe un conjunto de respuestas, no a una persona. Se muestra como un punto en su rango, con las palabras del propio ejercicio.
summary-score = Puntuación
summary-sessions = Sesiones
summary-earliest = Primera
summary-over-time = A lo largo del tiempo
summary-suggest = Lo que sugieren las entradas
summary-suggest-note = Observaciones provisionales a partir de las respuestas, cada una con el número de entradas en que se apoya. Describen cómo vivió las cosas quien escribe, nunca a otra persona.
summary-from-exercises = De los ejercicios
summary-journal = Diario

## La hoja de recuperación para imprimir. Las 24 palabras quedan en inglés en todos los idiomas: son la llave.

recovery-title = Hoja de recuperación de Attune
recovery-page = Página
recovery-of = de
recovery-heading = Tu frase de recuperación
recovery-intro = Estas 24 palabras abren tu bóveda de Attune si algún día olvidas tu frase de contraseña. Guarda esta hoja en un lugar seguro y privado, como un cajón con llave o junto a tus papeles importantes.
recovery-for-heading = Para qué sirve
recovery-for-anyone = Quien tenga estas palabras puede abrir tu diario, con o sin tu frase de contraseña.
recovery-for-forgot = Si olvidas tu frase de contraseña, elige «¿La olvidaste? Usa tu frase de recuperación» al desbloquear (o ejecuta attune recover en una terminal), escribe las palabras en orden y crea una nueva frase de contraseña.
recovery-for-change = Cambiar tu frase de contraseña no cambia estas palabras.
recovery-safe-heading = Guárdala bien
recovery-safe-paper = Guárdala en papel, lejos de tus dispositivos. No la fotografíes ni la guardes en la nube, en el correo o en una aplicación de notas.
recovery-safe-only-attune = Escribe estas palabras solo en Attune, nunca en un sitio web, un formulario o un mensaje, y nunca se las leas a nadie que te las pida. Attune nunca te las pedirá en ningún otro sitio.
recovery-safe-seen = Si alguien ha podido verlas, exporta tu diario, crea una bóveda nueva (con palabras nuevas) e importa el diario en ella.
recovery-made-on = Hecha el

## The help panel ("Need help now?"), around the numbers of assets/help/contacts.toml.

help-emergency-fallback = el número de emergencias de tu zona
help-directory-note = Un directorio gratuito de líneas de crisis y servicios de apoyo en muchos países, revisado por quienes lo mantienen.

## Observaciones: lo que sugieren las entradas, siempre con prudencia y sobre cómo vivió las cosas quien escribe.

contact-after = Después de { $meetings ->
    [one] 1 encuentro
   *[other] { $meetings } encuentros
} con { $person }, tu cuerpo notó más calma que alarma en { $calm } de ellos y más alarma que calma en { $tense }.
contact-before = Antes de los encuentros, más calma que alarma { $calm ->
    [one] 1 vez
   *[other] { $calm } veces
} de { $meetings }.
contact-shift = De antes a después, tu cuerpo se calmó en { $eased ->
    [one] 1 encuentro
   *[other] { $eased } encuentros
} y se agitó en { $stirred }.
contact-not-a-judgement = Describe cómo vives estos encuentros; no es un juicio sobre { $person }.
cooccurrence-low-mood = En { $count } de { $of } { $kind ->
    [tag] entradas con la etiqueta #{ $name }
   *[person] entradas sobre { $name }
} tu ánimo estaba bajo, frente al { $percent } % de todas las entradas con ánimo. Aparecieron juntas; eso no quiere decir que una causara la otra.
cooccurrence-good-mood = En { $count } de { $of } { $kind ->
    [tag] entradas con la etiqueta #{ $name }
   *[person] entradas sobre { $name }
} tu ánimo estaba bien, frente al { $percent } % de todas las entradas con ánimo.
cooccurrence-high-alarm = En { $count } de { $of } { $kind ->
    [tag] chequeos con la etiqueta #{ $name }
   *[person] chequeos sobre { $name }
} tu cuerpo notó mucha alarma, frente al { $percent } % de todos los chequeos.
reciprocity-lean = En { $count } de tus últimas { $of } reflexiones en las que indicaste hacia dónde se inclina la balanza, { $lean ->
    [i-give-more] sentiste que dabas más de lo que recibías de { $person }
    [they-give-more] sentiste que { $person } daba más que tú
    [it-shifts] sentiste que va cambiando
   *[about-even] sentiste que estaba más o menos equilibrada
}.
reciprocity-not-a-verdict = Describe cómo lo has vivido, no quién es { $person }.
reciprocity-changed = { $count ->
    [one] En tu reflexión
   *[other] En tus { $count } reflexiones
} sobre dar y recibir con { $person }, las primeras decían sobre todo «{ $earlier }» y las recientes, «{ $recent }».
reciprocity-steady = { $count ->
    [one] En tu reflexión
   *[other] En tus { $count } reflexiones
} sobre dar y recibir con { $person }, lo que más apareció fue «{ $words }», antes y ahora.
reciprocity-so-far = { $count ->
    [one] Una reflexión
   *[other] { $count } reflexiones
} sobre dar y recibir con { $person } hasta ahora; la más reciente dice «{ $words }». Una tendencia se ve después de algunas más.

## The gentle note when the body stays stirred across check-ins.

support-often = En { $count } de tus últimos { $of } chequeos, tu cuerpo notó mucha alarma, o sentiste que lo llevabas sin apoyo. Es mucho para llevarlo sin compañía. Quizá sea un buen momento para hablar con alguien de confianza, con quienes guiaron tu retiro o con un servicio profesional.
support-now = Tu cuerpo sigue agitado al terminar. No tienes que cargar con esto sin apoyo: alguien de confianza, quienes guiaron tu retiro o un servicio profesional pueden ayudarte.

## Palabras del chequeo y zonas del cuerpo.

checkin-calm = calma
checkin-relaxed = relajación
checkin-safe = seguridad
checkin-anxious = ansiedad
checkin-tense = tensión
checkin-obsessive = pensamientos en bucle
body-head = cabeza
body-jaw = mandíbula
body-throat = garganta
body-chest = pecho
body-stomach = estómago
body-shoulders = hombros
body-back = espalda
body-hands = manos
body-legs = piernas

## La exportación en Markdown de un ejercicio.

export-scores = Puntuaciones
export-score-value = { $value } de { $max }
export-scale-value = { $value } en una escala de { $min } ({ $min_label }) a { $max } ({ $max_label })
export-checkin-value = { $dimension } { $value } de 4
export-felt-in = se sintió en: { $areas }
export-commitment = { $intention } (para revisar después de { $days ->
    [one] 1 día
   *[other] { $days } días
})

## Los diálogos de archivo de la propia app y el menú de la bandeja.

dialog-vault-folder = ¿Dónde debe guardar Attune tu bóveda?
dialog-backup-folder = ¿Dónde deben ir las copias de seguridad automáticas?
dialog-backup = Copia de seguridad de Attune
dialog-restore-folder = ¿Dónde debe quedar la bóveda restaurada?
dialog-json-export = Exportación JSON de Attune
dialog-markdown-folder = ¿Dónde debe ir la exportación en Markdown?
dialog-journal-export = Exportación del diario
dialog-pdf-summary = Resumen en PDF
dialog-recovery-sheet = Hoja de recuperación
dialog-pdf = PDF
dialog-import-pack = Importar un paquete de ejercicios
dialog-attach = Añadir una foto o un archivo
dialog-sync-folder = ¿Qué carpeta debe llevar los cambios de tu diario entre tus equipos?
dialog-join-folder = ¿Qué carpeta sincronizada tiene el diario al que quieres unirte?
tray-open = Abrir Attune
tray-quit = Salir

## Textos para empezar a escribir libremente, que se ofrecen en la app y con `attune template list`.

template-morning-pages = Páginas matutinas
template-morning-pages-body =
    Tres páginas, a mano o con el teclado, antes de que empiece el día. Lo que salga, sin pararte a corregir.

    Esta mañana noto…
template-three-good-things = Tres cosas buenas
template-three-good-things-body =
    Tres cosas que hoy salieron bien, y por qué salieron bien.

    1.
    2.
    3.
template-hard-conversation = Después de una conversación difícil
template-hard-conversation-body =
    ¿Con quién fue y de qué se trató?

    ¿Qué sentí en el cuerpo, durante y después?

    ¿Qué necesitaba, y lo dije o me lo callé?

    ¿Qué me gustaría que pasara ahora?
