// A Portuguese → English glossary of software and business terms, so that "cartão" in a PRD finds `Card` in code.

// One entry per line: Portuguese word or two-word phrase, a colon, English words. Accents are folded on load.
const ENTRIES = `
acesso: access
acao: action
acoes: actions
administrador: admin administrator
agenda: schedule calendar
agendamento: schedule appointment booking
agendar: schedule
ajuda: help support
ajuste: adjustment setting
alerta: alert
alteracao: change update
alterar: change update edit
aluno: student
analise: analysis review
anexo: attachment
aniversario: birthday
anuncio: ad announcement
aplicativo: app application
aprovacao: approval
aprovar: approve
armazenamento: storage
arquivo: file
assinatura: subscription signature
atendimento: support service ticket
atividade: activity
ativo: active asset
atualizacao: update
atualizar: update refresh
auditoria: audit
autenticacao: auth authentication
autorizacao: authorization permission
avaliacao: rating review evaluation
aviso: notice warning
back end: backend
backend: backend
baixa: settlement writeoff
banco: bank database
banco de dados: database
barra: bar
beneficiario: beneficiary payee
boleto: boleto bill invoice
botao: button
busca: search
buscar: search fetch find
caixa: cash box
calculo: calculation
calendario: calendar
campanha: campaign
campo: field
cancelamento: cancellation cancel
cancelar: cancel
carga: load
carrinho: cart
carteira: wallet
cartao: card
cartao de credito: credit card
categoria: category
celular: phone mobile
chamada: call request
chave: key
cidade: city
classificacao: classification ranking
cliente: customer client
cobranca: billing charge
codigo: code
comentario: comment
compartilhar: share
compra: purchase order
comprador: buyer
comprovante: receipt proof
conciliacao: reconciliation
condicao: condition
configuracao: config settings configuration
configuracoes: config settings
confirmacao: confirmation
conexao: connection
consulta: query appointment
conta: account bill
conta corrente: checking account
contato: contact
conteudo: content
contrato: contract
controle: control
convite: invite invitation
cotacao: quote quotation
credito: credit
criacao: creation create
criar: create
cupom: coupon voucher
curso: course
custo: cost
dado: data
dados: data
data: date
debito: debit
desconto: discount
descricao: description
desempenho: performance
despesa: expense
destinatario: recipient
detalhe: detail
dia: day
dinheiro: money cash
disciplina: subject course
dispositivo: device
documento: document
documentacao: documentation docs
dominio: domain
duplicado: duplicate
edicao: edit
editar: edit
email: email
empresa: company organization
emprestimo: loan
endereco: address
entidade: entity
entrada: input entry income
entrega: delivery shipment
entregador: courier driver
envio: sending shipment
enviar: send
equipe: team
erro: error
escola: school
estabelecimento: merchant store
estado: state status
estoque: stock inventory
evento: event
exclusao: deletion delete
excluir: delete remove
exportacao: export
exportar: export
extrato: statement
fatura: invoice bill statement
faturamento: billing invoicing revenue
favorito: favorite
fila: queue
filial: branch
filtro: filter
financeiro: financial finance
fluxo: flow
fornecedor: supplier vendor
formulario: form
frete: shipping freight
front end: frontend
funcionalidade: feature
funcionario: employee
gasto: expense spending
gerenciamento: management
gerente: manager
gestao: management
grafico: chart graph
grupo: group
historico: history
horario: schedule time
identificador: id identifier
idioma: language locale
imagem: image
importacao: import
imposto: tax
impressao: print
inadimplencia: default delinquency
inicio: start home
integracao: integration
inscricao: enrollment registration subscription
investimento: investment
item: item
janela: window
juros: interest
lancamento: entry transaction launch
leilao: auction
limite: limit
link: link
lista: list
listagem: listing list
login: login
loja: store shop
lote: batch lot
manutencao: maintenance
mapa: map
marca: brand
matricula: enrollment registration
medico: doctor physician
membro: member
mensagem: message
mensalidade: fee subscription
menu: menu
meta: goal target
metodo: method
moeda: currency
motorista: driver
movimentacao: transaction movement
mudanca: change
municipio: city
nivel: level
nome: name
nota: note grade
nota fiscal: invoice
noticia: news
notificacao: notification
novo: new
numero: number
objetivo: goal objective
oferta: offer
operacao: operation
orcamento: budget quote estimate
ordem: order
organizacao: organization
origem: source origin
pacote: package bundle
pagador: payer
pagamento: payment
pagar: pay
pagina: page
painel: dashboard panel
parametro: parameter param
parcela: installment
parceiro: partner
passo: step
pedido: order request
perfil: profile
periodo: period
permissao: permission role
pesquisa: search survey
pessoa: person
plano: plan
pagina inicial: home
ponto: point
portador: holder cardholder
posicao: position
prazo: deadline term
preco: price
preferencia: preference
prestador: provider
processamento: processing
produto: product
professor: teacher
projeto: project
promocao: promotion
proposta: proposal
provedor: provider
quantidade: quantity amount
questionario: questionnaire survey
receita: revenue income recipe
recebimento: receipt receivable
recibo: receipt
recorrencia: recurrence recurring
recuperacao: recovery
recuperar: recover
reembolso: refund reimbursement
regiao: region
registro: record register log
regra: rule
relatorio: report
remessa: shipment batch
renda: income
repasse: payout transfer
requisicao: request
reserva: reservation booking
resgate: redemption withdrawal
resposta: response answer
resultado: result
resumo: summary
retorno: return response
revisao: review
rota: route
saida: output exit
saldo: balance
saque: withdrawal
saude: health
seguranca: security
seguro: insurance
senha: password
servico: service
sessao: session
situacao: status
sistema: system
solicitacao: request
status: status
suporte: support
tabela: table
tarefa: task
taxa: fee rate
telefone: phone
tela: screen page view
tempo: time
termo: term
teste: test
tipo: type kind
titulo: title
token: token
total: total
transacao: transaction
transferencia: transfer
treino: workout training
turma: class group
ultimo: last
unidade: unit
usuario: user
validacao: validation
validade: expiration validity
valor: value amount
vencimento: due expiration
vencer: due expire
vencida: overdue expired
atraso: delay overdue late
venda: sale
vendedor: seller
versao: version
vinculo: link binding
visualizacao: view
visualizar: view
cadastro: register signup registration
cadastrar: register signup create
entrar: login signin
sair: logout
acessar: access login
listar: list
pesquisar: search
filtrar: filter
ordenar: sort
salvar: save
carregar: load
gerar: generate
calcular: calculate compute
validar: validate
verificar: verify check
notificar: notify
importar: import
sincronizacao: sync synchronization
sincronizar: sync
consultar: query fetch
cobrar: charge bill
estornar: refund reverse
estorno: refund chargeback
assinar: subscribe sign
renovacao: renewal
renovar: renew
expiracao: expiration expiry
bloqueio: block lock
bloquear: block lock
desbloquear: unblock unlock
limite de credito: credit limit
conta bancaria: bank account
chave pix: pix key
agencia: branch agency
banco central: central bank
investidor: investor
ativo financeiro: asset
patrimonio: equity asset
cotacao de moeda: exchange rate
cambio: exchange currency
pedido de compra: purchase order
item do pedido: order item
carrinho de compras: shopping cart
avaliacao de produto: product review
catalogo: catalog
vitrine: showcase storefront
estoque minimo: minimum stock
paciente: patient
consulta medica: appointment
prontuario: medical record
exame: exam test
receita medica: prescription
clinica: clinic
hospital: hospital
convenio: insurance agreement
agendamento de consulta: appointment booking
prova: exam test
nota final: grade
frequencia: attendance frequency
aula: lesson class
escala: schedule shift
ferias: vacation
folha de pagamento: payroll
salario: salary
beneficio: benefit
ponto eletronico: timesheet
candidato: candidate applicant
vaga: job position vacancy
entrevista: interview
contratacao: hiring
desligamento: termination offboarding
veiculo: vehicle
frota: fleet
viagem: trip travel
passageiro: passenger
corrida: ride
rastreamento: tracking
localizacao: location
endereco de entrega: shipping address
cep: zipcode postal
bairro: neighborhood district
pais: country
imovel: property
aluguel: rent rental
condominio: condominium
morador: resident
visitante: visitor
portaria: gate
evento de dominio: domain event
fila de mensagens: message queue
mensageria: messaging queue
consumidor: consumer
produtor: producer
assinante: subscriber
publicador: publisher
agendador: scheduler
tarefa agendada: cron job
camada: layer
repositorio: repository repo
servidor: server
requisicoes: requests
resposta http: response
rota protegida: protected route
middleware: middleware
autenticado: authenticated
token de acesso: access token
sessao expirada: session expired
chave de api: api key
webhook: webhook
integracao bancaria: bank integration
banco de horas: timesheet
graficos: charts
metricas: metrics
metrica: metric
indicador: indicator kpi
desempenho de vendas: sales performance
log: log
rastreabilidade: traceability
observabilidade: observability
monitoramento: monitoring
implantacao: deployment deploy
ambiente: environment
variavel de ambiente: environment variable env
migracao: migration
esquema: schema
modelo: model template
componente: component
pagina de login: login page
formulario de cadastro: signup form
campo obrigatorio: required field
mensagem de erro: error message
modal: modal dialog
aba: tab
botao de acao: action button
icone: icon
tema: theme
cor: color
fonte: font source
upload: upload
download: download
compartilhamento: sharing share
convidar: invite
seguidor: follower
amigo: friend
curtida: like
publicacao: post publication
postagem: post
feed: feed
conquista: achievement
desafio: challenge
ranking: ranking leaderboard
pontuacao: score points
recompensa: reward
nivel de acesso: role permission
papel: role
perfil de acesso: role
gestor: manager
empresa parceira: partner
loja virtual: store shop
marketplace: marketplace
assinatura mensal: monthly subscription
plano de assinatura: subscription plan
periodo de teste: trial
gratuito: free
premium: premium
orcamento mensal: monthly budget
meta financeira: financial goal
receitas: income revenue
despesas: expenses
gastos: expenses spending
contas a pagar: payables bills
contas a receber: receivables
fluxo de caixa: cash flow
conciliacao bancaria: bank reconciliation
categoria de gasto: expense category
cartoes: cards
transacoes: transactions
lancamentos: entries transactions
usuarios: users
relatorios: reports
pagamentos: payments
`;

/** Portuguese (folded) → English words; built once from the constant text above and never changed. */
export const GLOSSARY: ReadonlyMap<string, readonly string[]> = parseGlossary(ENTRIES);

function parseGlossary(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = fold(line.slice(0, colon));
    const words = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    map.set(key, [...(map.get(key) ?? []), ...words.filter((word) => word !== '')]);
  }
  return map;
}

function fold(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** First words of the glossary's phrases: a phrase is looked up only where one of these starts it. */
export const PHRASE_STARTS: ReadonlySet<string> = new Set(
  [...GLOSSARY.keys()].filter((key) => key.includes(' ')).map((key) => key.slice(0, key.indexOf(' '))),
);

/** English words for a Portuguese word or phrase (folded, lower case), trying its singular forms too. */
export function translate(word: string): readonly string[] | undefined {
  for (const form of singulars(word)) {
    const found = GLOSSARY.get(form);
    if (found) return found;
  }
  return undefined;
}

/** The word and its likely Portuguese singulars: "cartoes" → "cartao", "lancamentos" → "lancamento". */
function singulars(word: string): string[] {
  const forms = [word];
  const rules: [RegExp, string][] = [
    [/oes$/, 'ao'],
    [/aes$/, 'ao'],
    [/ais$/, 'al'],
    [/eis$/, 'el'],
    [/ns$/, 'm'],
    [/(r|z|s)es$/, '$1'],
    [/s$/, ''],
  ];
  for (const [pattern, replacement] of rules) {
    if (pattern.test(word)) forms.push(word.replace(pattern, replacement));
  }
  return forms;
}
