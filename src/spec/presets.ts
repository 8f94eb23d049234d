// Built-in heading aliases: the same template sections as teams actually title them.

export type AliasMap = Readonly<Record<string, readonly string[]>>;

/** Portuguese (Brazil) headings of the default template, as the translated template and its users write them. */
const PT_BR: AliasMap = {
  'executive-summary': ['Resumo Executivo'],
  'system-architecture': ['Arquitetura do Sistema', 'Arquitetura'],
  'system-architecture/component-overview': [
    'Visão Geral dos Componentes',
    'Visão Geral de Componentes',
    'Componentes Novos ou Modificados',
    'Componentes Modificados',
  ],
  'implementation-design': ['Design de Implementação', 'Desenho de Implementação'],
  'implementation-design/main-interfaces': [
    'Interfaces Principais',
    'Interfaces Chave',
    'Interfaces-Chave',
    'Interfaces',
    'Interface',
    'Interface Principais',
  ],
  'implementation-design/data-models': ['Modelos de Dados', 'Modelo de Dados', 'Modelos de Domínio'],
  'implementation-design/api-endpoints': ['Endpoints de API', 'Endpoints da API'],
  'integration-points': ['Pontos de Integração'],
  'testing-approach': ['Abordagem de Testes', 'Estratégia de Testes'],
  'testing-approach/unit-tests': ['Testes Unitários', 'Testes de Unidade', 'Testes Unidade'],
  'testing-approach/integration-tests': ['Testes de Integração'],
  'development-sequencing': ['Sequenciamento de Desenvolvimento'],
  'development-sequencing/build-order': ['Ordem de Construção', 'Ordem de Build', 'Ordem de Implementação'],
  'development-sequencing/technical-dependencies': ['Dependências Técnicas'],
  'monitoring-and-observability': ['Monitoramento e Observabilidade', 'Observabilidade', 'Monitoramento'],
  'technical-considerations': ['Considerações Técnicas'],
  'technical-considerations/key-decisions': [
    'Decisões Principais',
    'Decisões Chave',
    'Decisões-Chave',
    'Decisões Técnicas',
  ],
  'technical-considerations/known-risks': ['Riscos Conhecidos', 'Riscos', 'Riscos e Mitigações'],
  'technical-considerations/standards-compliance': [
    'Conformidade com Padrões',
    'Conformidade com Skills Padrões',
    'Conformidade com Skills e Padrões',
    'Conformidade com Regras',
    'Conformidade com Skills e Regras',
    'Conformidade',
  ],
  'technical-considerations/relevant-files': [
    'Arquivos Relevantes',
    'Arquivos Relevantes e Dependentes',
    'Arquivos Relevantes e Dependências',
  ],
};

/** English titles that later revisions of the template, and its users, give the same sections. */
const EN_VARIANTS: AliasMap = {
  'implementation-design/main-interfaces': ['Core Interfaces', 'Key Interfaces', 'Interfaces', 'Interface'],
  'implementation-design/data-models': ['Data Model', 'Domain Models', 'Domain Model'],
  'testing-approach': ['Testing Strategy'],
  'technical-considerations/key-decisions': ['Main Decisions', 'Decisions'],
  'technical-considerations/known-risks': ['Risks', 'Risks and Mitigations'],
  'monitoring-and-observability': ['Observability', 'Monitoring'],
  'technical-considerations/standards-compliance': [
    'Standard Skills Compliance',
    'Standards and Rules Compliance',
    'Compliance',
  ],
  'technical-considerations/relevant-files': [
    'Relevant and Dependent Files',
    'Relevant Files and Dependencies',
  ],
};

export const PRESETS: Readonly<Record<string, AliasMap>> = { 'pt-BR': PT_BR, 'en-variants': EN_VARIANTS };

export const DEFAULT_PRESETS: readonly string[] = ['en-variants', 'pt-BR'];

/** Merges alias maps; later maps add titles, never remove them. */
export function mergeAliases(maps: readonly AliasMap[]): Record<string, string[]> {
  const merged: Record<string, string[]> = {};
  for (const map of maps) {
    for (const [id, titles] of Object.entries(map)) merged[id] = [...(merged[id] ?? []), ...titles];
  }
  return merged;
}
