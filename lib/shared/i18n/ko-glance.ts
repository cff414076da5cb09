// The day at a glance in Korean: the options page's interests, one-liner and glossary sections, and
// the worker's reasons for a "추천" badge. Apart from ko.ts because the options page and the popup
// share a chunk: what only the options page shows should not load with every popup.

/** The reasons the worker gives for a "추천" badge (the one-liners' own reasons are the model's). */
export const koRanking = {
  closeToInterest: (interest: string) => `관심 주제 '${interest}'와 가까운 논문`,
  closeToReading: '최근 읽은 논문과 비슷한 논문',
} as const;

/** The options page's interests and one-liner settings. */
export const koGlanceOptions = {
  section: '관심 주제와 한 줄 요약',
  intro:
    '관심 주제로 논문을 추천순으로 정렬하고 가까운 논문에 "추천" 배지를 붙입니다. 한 줄 요약은 페이지의 논문 모두를 한두 번의 요청으로 한국어 제목과 한 문장으로 정리합니다.',
  interests: '관심 주제',
  interestsHint:
    '쉼표나 줄바꿈으로 나눕니다. 예: RLHF, 멀티모달 에이전트, 효율적 추론, 한국어 LLM. 엔드포인트에 임베딩이 있으면 임베딩으로, 없으면 한 줄 요약의 관련도(0–3)로 정렬합니다.',
  learnFromReading: '내가 요약하거나 깊이 읽거나 추천(upvote)한 논문에서 배우기',
  learnFromReadingHint:
    '읽은 논문의 주제를 이 컴퓨터에만 저장하고 추천순에 조금 반영합니다(30일이 지나면 절반으로 줄어듭니다).',
  autoOneLiners: '페이지를 열면 한 줄 요약을 자동으로 받기',
  autoOneLinersHint:
    '키가 설정되어 있을 때만, 요약이 없는 논문에 대해 요청합니다. 비용이 들기 때문에 기본은 꺼짐.',
  cost: (tokens: string, cost: string, requests: number, fullTokens: string, fullCost: string) =>
    `하루 30편 기준 ≈ ${tokens} 토큰 ≈ ${cost} (요청 ${requests}번). 30편을 모두 전체 요약하면 ≈ ${fullTokens} 토큰 ≈ ${fullCost}입니다.`,
  costModel: (model: string) => `저장된 모델 ${model}의 가격으로 계산했습니다.`,
  embeddingModel: '임베딩 모델(추천순)',
  embeddingModelHint: (fallback: string | null) =>
    fallback
      ? `비워 두면 ${fallback}을(를) 씁니다. 엔드포인트에 없으면 한 줄 요약의 관련도로 정렬합니다.`
      : '이 제공사는 임베딩이 없어 한 줄 요약의 관련도로 정렬합니다. 임베딩 모델이 있다면 적으세요.',
} as const;

/** The options page's glossary section. */
export const koGlossary = {
  section: '용어집',
  intro:
    '요약과 한 줄 요약에서 영어 용어를 이렇게 옮깁니다. 논문에 나오는 용어만 프롬프트에 넣고, 요약이 다르게 옮기면 한 번 더 요청한 뒤 패널에 표시합니다.',
  counts: (total: number, changed: number, added: number, removed: number) =>
    `용어 ${total}개 · 바꾼 것 ${changed} · 추가 ${added} · 뺀 것 ${removed}`,
  search: '용어 찾기',
  searchHint: '영어나 한국어로 찾습니다.',
  noMatch: '찾는 용어가 없습니다.',
  more: (count: number) => `${count}개 더 있습니다. 검색으로 좁히세요.`,
  english: '영어 용어',
  korean: '한국어 번역어',
  keepEnglish: '영어 그대로 쓰기(고유 이름)',
  keptEnglish: '영어 그대로',
  save: '용어 추가·변경',
  saved: (en: string) => `"${en}"을(를) 저장했습니다. 다음 요약부터 씁니다.`,
  edit: '고치기',
  remove: '빼기',
  removed: (en: string) => `"${en}"을(를) 뺐습니다.`,
  restore: '되돌리기',
  restored: (en: string) => `"${en}"을(를) 기본값으로 되돌렸습니다.`,
  statusChanged: '바꿈',
  statusAdded: '추가',
  removedList: '뺀 기본 용어',
  exportCsv: 'CSV로 내보내기',
  importCsv: 'CSV 가져오기',
  importMode: '가져오기 방식',
  importMerge: '지금 용어집에 더하기',
  importReplace: '파일로 용어집 전체 바꾸기',
  imported: (count: number, problems: number) =>
    `용어 ${count}개를 가져왔습니다.${problems > 0 ? ` ${problems}줄은 건너뛰었습니다.` : ''}`,
  importProblem: (line: number, message: string) => (line > 0 ? `${line}번째 줄: ${message}` : message),
  resetAll: '내 편집 모두 지우기',
  resetDone: '기본 용어집으로 되돌렸습니다.',
  failed: (message: string) => `용어집을 바꾸지 못했습니다: ${message}`,
} as const;

/** The page's "한 줄 요약" tools and the lines under each card's title (the content script's page-data chunk). */
export const koGlancePage = {
  group: '한 줄 요약',
  run: '한 줄 요약',
  stop: '중단',
  retry: '다시 시도',
  openOptions: '설정 열기',
  estimate: (papers: number, tokens: string, cost: string, requests: number) =>
    `한 줄 요약 ${papers}편 ≈ ${tokens} 토큰 ≈ ${cost} (요청 ${requests}번)`,
  preparing: '한 줄 요약을 준비하는 중…',
  progress: (answered: number, total: number) => `한 줄 요약 ${answered} / ${total}편`,
  waiting: (seconds: number) => `엔드포인트가 기다리라고 해서 ${seconds}초 뒤에 다시 요청합니다.`,
  done: (answered: number, requests: number, cost: string | null) =>
    `한 줄 요약 ${answered}편 완료 · 요청 ${requests}번${cost === null ? '' : ` · 비용 약 ${cost}`}`,
  allCached: (answered: number) => `한 줄 요약 ${answered}편(저장된 것)`,
  someFailed: (failed: number) => `${failed}편은 한 줄 요약을 받지 못했습니다.`,
  failed: (message: string) => `한 줄 요약을 받지 못했습니다: ${message}`,
  stopped: '한 줄 요약을 중단했습니다.',
  disconnected: '한 줄 요약을 받는 도중 연결이 끊겼습니다.',
  noPapers: '한 줄 요약할 논문이 없습니다.',
  /** The line under a card's English title. */
  lineLabel: (title: string) => `${title}: 한국어 제목과 한 줄 요약`,
  badge: '추천',
  badgeLabel: (reason: string) => `추천: ${reason}`,
  // 추천순
  needInterests:
    '추천순은 설정 페이지의 "관심 주제"로 정렬합니다. 관심 주제를 정하면 가까운 논문에 "추천"을 붙입니다. ',
  ranking: '관심 주제로 정렬하는 중…',
  ranked: (recommended: number) =>
    recommended > 0
      ? `추천순: 관심 주제와 가까운 ${recommended}편에 "추천"을 붙였습니다. "이 페이지 모두 요약"도 이 순서로 요약합니다.`
      : '추천순: 관심 주제와 특히 가까운 논문이 없습니다. "이 페이지 모두 요약"은 관련도 순서로 요약합니다.',
  needOneLiners:
    '이 엔드포인트에는 임베딩이 없어 한 줄 요약의 관련도로 정렬합니다. 먼저 "한 줄 요약"을 받으세요.',
  rankFailed: (message: string) => `추천순을 계산하지 못해 저장된 것만 썼습니다: ${message}`,
} as const;
