# As palavras do núcleo do Attune em português do Brasil. Mesmas mensagens e variáveis do inglês.

days-with-entry = { $count ->
    [one] { $count } dia com registro
   *[other] { $count } dias com registro
}

## Mostrado com cada exercício, nos resumos e nas exportações.

exercise-disclaimer = Os exercícios do Attune são um apoio à reflexão. Não são terapia, diagnóstico nem um serviço de crise. Se você estiver em perigo ou correndo o risco de se machucar, procure agora o serviço de emergência local ou encontre uma linha de apoio perto de você em findahelpline.com.

## As prateleiras do catálogo.

theme-shadow = Trabalho com a sombra
theme-boundaries = Limites
theme-reciprocity = Dar e receber
theme-nervous-system = Corpo e sistema nervoso
theme-relationships = Relações
theme-patterns = Padrões
theme-gratitude = Gratidão
theme-integration = Integração

## Datas, como padrões do chrono.

date-long = %-d de %B de %Y
date-short = %-d %b %Y
date-day-month = %-d de %B
date-weekday = %A, %-d de %B de %Y

## Humores (1 a 5) e marcas das listas.

mood-1 = muito baixo
mood-2 = baixo
mood-3 = estável
mood-4 = bom
mood-5 = muito bom
mark-yes = sim
mark-sometimes = às vezes
mark-no = não

## O resumo em PDF.

summary-kicker-range = Attune · resumo
summary-kicker-person = Attune · uma relação
summary-kicker-integration = Attune · integração
summary-title-range = Minhas reflexões
summary-title-person = Minha relação com { $person }
summary-title-integration = Meu período de integração
summary-after-dates-integration = , do último dia do retiro até { $days } dias depois
summary-nothing-yet = Nada escrito ainda
summary-made = Feito com o Attune em { $date }.
summary-footer = Attune · { $dates }
summary-made-by-writer = Este resumo foi feito pela pessoa que escreveu estes registros, que escolheu o que ele inclui.
summary-count-entries = { $count ->
    [one] registro
   *[other] registros
}
summary-count-journal = { $count ->
    [one] registro no diário
   *[other] registros no diário
}
summary-count-exercises = { $count ->
    [one] exercício
   *[other] exercícios
}
summary-count-days = { $count ->
    [one] dia com registro
   *[other] dias com registro
}
summary-weekly-line = a linha é a média de cada semana
summary-basis = { $count ->
    [one] com base em 1 registro
   *[other] com base em { $count } registros
}
summary-mood = humor: { $mood }
summary-page = Página
summary-of = de
summary-no-entries = Não há registros neste período.
summary-practised = O que foi praticado
summary-exercise = Exercício
summary-times = Vezes
summary-first = Primeira
summary-latest = Mais recente
summary-scores = Pontuações
summary-scores-note = Cada pontuação descreve um conjunto de respostas, não uma pessoa. Ela aparece como um ponto na sua faixa, com as palavras do próprio exercício.
summary-score = Pontuação
summary-sessions = Sessões
summary-earliest = Primeira
summary-over-time = Ao longo do tempo
summary-suggest = O que os registros sugerem
summary-suggest-note = Observações provisórias a partir das respostas, cada uma com o número de registros em que se apoia. Descrevem como as coisas foram sentidas por quem escreveu, nunca outra pessoa.
summary-from-exercises = Dos exercícios
summary-journal = Diário

## A folha de recuperação para imprimir. As 24 palavras ficam em inglês em todos os idiomas: elas são a chave.

recovery-title = Folha de recuperação do Attune
recovery-page = Página
recovery-of = de
recovery-heading = Sua frase de recuperação
recovery-intro = Estas 24 palavras abrem seu cofre do Attune se um dia você esquecer sua frase-senha. Guarde esta folha em um lugar seguro e reservado, como uma gaveta trancada ou junto com seus documentos importantes.
recovery-for-heading = Para que serve
recovery-for-anyone = Quem tiver estas palavras pode abrir seu diário, com ou sem sua frase-senha.
recovery-for-forgot = Se esquecer sua frase-senha, escolha “Esqueceu? Use sua frase de recuperação” ao desbloquear (ou rode attune recover num terminal), digite as palavras na ordem e crie uma nova frase-senha.
recovery-for-change = Mudar sua frase-senha não muda estas palavras.
recovery-safe-heading = Mantenha em segurança
recovery-safe-paper = Guarde no papel, longe do computador. Não fotografe nem guarde na nuvem, no e-mail ou num app de notas.
recovery-safe-only-attune = Digite estas palavras só no Attune, nunca num site, num formulário ou numa mensagem, e nunca as leia em voz alta para quem pedir. O Attune nunca vai pedi-las em nenhum outro lugar.
recovery-safe-seen = Se houver chance de alguém ter visto estas palavras, exporte seu diário, crie um novo cofre (com novas palavras) e importe o diário nele.
recovery-made-on = Feita em

## O painel de ajuda ("Precisa de ajuda agora?"), em torno dos números de assets/help/contacts.toml.

help-emergency-fallback = o número de emergência local
help-directory-note = Um diretório gratuito de linhas de apoio e serviços de ajuda em muitos países, verificado por quem o mantém.

## Percepções: o que os registros sugerem, sempre com cautela e sobre como as coisas foram sentidas por quem escreve.

contact-after = Depois de { $meetings ->
    [one] 1 encontro
   *[other] { $meetings } encontros
} com { $person }, seu corpo sentiu mais tranquilidade do que alarme em { $calm } deles e mais alarme do que tranquilidade em { $tense }.
contact-before = Antes dos encontros, mais tranquilidade do que alarme { $calm ->
    [one] 1 vez
   *[other] { $calm } vezes
} em { $meetings }.
contact-shift = Do antes para o depois, seu corpo se acalmou em { $eased ->
    [one] 1 encontro
   *[other] { $eased } encontros
} e se agitou em { $stirred }.
contact-not-a-judgement = Isto mostra como esses encontros repercutem em você, não um julgamento sobre { $person }.
cooccurrence-low-mood = Em { $count } de { $of } { $kind ->
    [tag] registros com a etiqueta #{ $name }
   *[person] registros sobre { $name }
}, seu humor estava baixo; no conjunto dos registros com humor, isso aconteceu em { $percent }%. As duas coisas apareceram juntas; isso não quer dizer que uma causou a outra.
cooccurrence-good-mood = Em { $count } de { $of } { $kind ->
    [tag] registros com a etiqueta #{ $name }
   *[person] registros sobre { $name }
}, seu humor estava bom; no conjunto dos registros com humor, isso aconteceu em { $percent }%.
cooccurrence-high-alarm = Em { $count } de { $of } { $kind ->
    [tag] check-ins com a etiqueta #{ $name }
   *[person] check-ins sobre { $name }
}, seu corpo registrou muito alarme; no conjunto dos check-ins, isso aconteceu em { $percent }%.
reciprocity-lean = Em { $count } das suas últimas { $of } reflexões em que você disse para que lado pende a troca, { $lean ->
    [i-give-more] você sentiu que dava mais do que recebia de { $person }
    [they-give-more] você sentiu que { $person } dava mais do que você
    [it-shifts] você sentiu que ela vai e volta
   *[about-even] você sentiu que ela estava mais ou menos equilibrada
}.
reciprocity-not-a-verdict = Isto descreve como tem sido para você, não quem { $person } é.
reciprocity-changed = { $count ->
    [one] Na sua reflexão
   *[other] Nas suas { $count } reflexões
} sobre dar e receber com { $person }, as primeiras diziam sobretudo “{ $earlier }” e as mais recentes, “{ $recent }”.
reciprocity-steady = { $count ->
    [one] Na sua reflexão
   *[other] Nas suas { $count } reflexões
} sobre dar e receber com { $person }, o que mais apareceu foi “{ $words }”, antes e agora.
reciprocity-so-far = { $count ->
    [one] Uma reflexão
   *[other] { $count } reflexões
} sobre dar e receber com { $person } até agora; a mais recente diz “{ $words }”. Uma tendência aparece depois de mais algumas.

## O aviso gentil quando o corpo continua agitado em vários check-ins.

support-often = Em { $count } dos seus últimos { $of } check-ins, seu corpo registrou muito alarme, ou você se sentiu sem apoio com isso. É muita coisa para carregar sem companhia. Talvez seja um bom momento para procurar alguém de confiança, as pessoas que conduziram o seu retiro ou apoio profissional.
support-now = Seu corpo ainda está agitado ao terminar. Você não precisa carregar isso sem apoio: alguém de confiança, as pessoas que conduziram o seu retiro ou um apoio profissional podem ajudar.

## Palavras do check-in e áreas do corpo.

checkin-calm = calma
checkin-relaxed = relaxamento
checkin-safe = segurança
checkin-anxious = ansiedade
checkin-tense = tensão
checkin-obsessive = pensamentos em círculo
body-head = cabeça
body-jaw = mandíbula
body-throat = garganta
body-chest = peito
body-stomach = estômago
body-shoulders = ombros
body-back = costas
body-hands = mãos
body-legs = pernas

## A exportação em Markdown de um exercício.

export-scores = Pontuações
export-score-value = { $value } de { $max }
export-scale-value = { $value } numa escala de { $min } ({ $min_label }) a { $max } ({ $max_label })
export-checkin-value = { $dimension } { $value } de 4
export-felt-in = sentido em: { $areas }
export-commitment = { $intention } (para rever depois de { $days ->
    [one] 1 dia
   *[other] { $days } dias
})

## As janelas de arquivo do próprio app e o menu da bandeja.

dialog-vault-folder = Onde o Attune deve guardar seu cofre?
dialog-backup-folder = Onde devem ficar as cópias de segurança automáticas?
dialog-backup = Cópia de segurança do Attune
dialog-restore-folder = Onde deve ficar o cofre restaurado?
dialog-json-export = Exportação JSON do Attune
dialog-markdown-folder = Onde deve ficar a exportação em Markdown?
dialog-journal-export = Exportação do diário
dialog-pdf-summary = Resumo em PDF
dialog-recovery-sheet = Folha de recuperação
dialog-pdf = PDF
dialog-import-pack = Importar um pacote de exercícios
dialog-attach = Adicionar uma foto ou um arquivo
dialog-sync-folder = Qual pasta deve levar as mudanças do seu diário entre os computadores?
dialog-join-folder = Qual pasta sincronizada tem o diário que você quer acessar?
tray-open = Abrir o Attune
tray-quit = Sair

## Textos para começar a escrever livremente, oferecidos no app e por `attune template list`.

template-morning-pages = Páginas matinais
template-morning-pages-body =
    Três páginas, à mão ou no teclado, antes do dia começar. O que vier, sem parar para corrigir.

    Nesta manhã eu percebo…
template-three-good-things = Três coisas boas
template-three-good-things-body =
    Três coisas que deram certo hoje, e por que deram certo.

    1.
    2.
    3.
template-hard-conversation = Depois de uma conversa difícil
template-hard-conversation-body =
    Com quem foi, e sobre o quê?

    O que senti no corpo, durante e depois?

    Do que eu precisava, e disse ou deixei de dizer?

    O que eu gostaria que acontecesse agora?
