# As palavras do núcleo do Attune em português do Brasil. Mesmas mensagens e variáveis do inglês.

days-with-entry = { $count ->
    [one] { $count } dia com registro
   *[other] { $count } dias com registro
}

## Mostrado com cada exercício, nos resumos e nas exportações.

exercise-disclaimer = Os exercícios do Attune são um apoio à reflexão. Não são terapia, diagnóstico nem um serviço de crise. Se você estiver em perigo ou puder se machucar, procure agora o serviço de emergência local ou encontre uma linha de apoio perto de você em findahelpline.com.

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
recovery-for-forgot = Se esquecer sua frase-senha, escolha “Usar a frase de recuperação” ao desbloquear (ou rode attune recover num terminal), digite as palavras na ordem e crie uma nova frase-senha.
recovery-for-change = Mudar sua frase-senha não muda estas palavras.
recovery-safe-heading = Mantenha em segurança
recovery-safe-paper = Guarde no papel, longe do computador. Não fotografe nem guarde na nuvem, no e-mail ou num app de notas.
recovery-safe-only-attune = Digite estas palavras só no Attune, nunca num site, num formulário ou numa mensagem, e nunca as leia em voz alta para quem pedir. O Attune nunca vai pedi-las em nenhum outro lugar.
recovery-safe-seen = Se alguém pode ter visto as palavras, exporte seu diário, crie um novo cofre (com novas palavras) e importe o diário nele.
recovery-made-on = Feita em
