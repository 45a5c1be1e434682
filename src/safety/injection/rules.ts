// The detector's rules: patterns over the normalized text (lower case, paragraph lines joined),
// each with a base weight. Context (quotes, code, AGENTS.md, docs about injection) adjusts weights later.

export type RuleGroup = 'override' | 'role' | 'addressed' | 'template' | 'turn' | 'exfiltration' | 'pipe' | 'conceal' | 'tool' | 'encoded';

export interface TextRule {
  id: string;
  group: RuleGroup;
  weight: number;
  message: string;
  pattern: RegExp;
  /** Run on the original-case text, line by line (`m` flag), instead of the normalized one. */
  caseSensitive?: boolean;
}

const AI = String.raw`(?:ai|a\.i\.|llms?|large language models?|language models?|ai agents?|coding agents?|ai assistants?|assistants?|agents?|chatbots?|bots?|copilot|claude|chatgpt|gpt(?:-?\d[\w.]*)?|gemini|codex|cursor|models?)`;
const SECRET_THING = String.raw`(?:env(?:ironment)?(?: ?var(?:iable)?s?)?|\.env\b|secrets?|api[ _-]?keys?|access keys?|tokens?|credentials?|passwords?|~\/\.ssh|\.ssh\b|id_rsa|id_ed25519|\.aws\/credentials|\.npmrc|\.netrc|\.git-credentials|private keys?|process\.env|ssh keys?|cookies?|session tokens?|keychain|wallet)`;
const FILLER = String.raw`(?:(?:all|the|your|any|every|of|contents?|values?|current|their|these|those|its|full|entire|a|copy|list|local|stored|available|user'?s?|machine'?s?|system'?s?|my|saved|and|other)\s+){0,5}`;
const DESTINATION = String.raw`(?:https?:\/\/|\b\d{1,3}(?:\.\d{1,3}){3}\b|\b[a-z0-9-]+\.(?:com|net|org|io|xyz|ru|cn|site|app|dev|me|cc|tk|top|sh|link|info|biz)\b|webhook|pastebin|gist|discord|telegram|requestbin|ngrok|server|endpoint|e-?mail)`;
const NET_TOOL = String.raw`(?:curl|wget|nc|ncat|netcat|socat|httpie|invoke-webrequest|iwr|invoke-restmethod)`;
const SECRET_FILE = String.raw`(?:\.ssh\b|id_rsa|id_ed25519|\.env\b|\.aws\b|\.npmrc|\.netrc|\.git-credentials|\.docker\/config|\.kube\/config|credentials|\/etc\/passwd|\/etc\/shadow)`;

export const TEXT_RULES: readonly TextRule[] = [
  {
    id: 'override-instructions',
    group: 'override',
    weight: 0.9,
    message: 'tries to override the instructions the agent was given',
    pattern: new RegExp(
      String.raw`\b(?:ignore|disregard|forget|override|bypass|abandon|discard|drop)\b\W+(?:\w+\W+){0,3}?(?<det>previous|prior|above|earlier|preceding|foregoing|system|original|initial|your|all|any|current|existing)\W+(?:\w+\W+){0,2}?(?<obj>instructions?|prompts?|directives?|guidelines|guardrails|programming|restrictions|safety rules|rules|context|orders)\b`,
      'g',
    ),
  },
  { id: 'override-instructions', group: 'override', weight: 0.7, message: 'announces replacement instructions', pattern: /\byour (?:new|real|actual|true|only) (?:task|goal|objective|instructions?|mission|job) (?:is|are|will be)\b|\b(?:new|updated|revised|real|actual|true) (?:system )?(?:instructions|directives|orders|task)\s*(?::|follow|are)/g },
  { id: 'override-instructions', group: 'override', weight: 0.8, message: 'tries to change what the agent is', pattern: /\byou are no longer\b|\b(?:from now on|henceforth|going forward),? you (?:will|must|are|shall|should)\b/g },
  { id: 'role-reassignment', group: 'role', weight: 0.55, message: 'tries to give the agent a new role', pattern: /\byou are now (?:a|an|the|my|dan|free|unrestricted|jailbroken|in (?:developer|god|admin|debug|dan) mode|operating|acting|playing)\b|\bpretend (?:that )?you are\b|\bact as (?:an? )?(?:unrestricted|jailbroken|dan|evil|different|new)\b|\b(?:enter|enable|activate) (?:developer|god|admin|dan|jailbreak) mode\b/g },
  { id: 'addressed-to-ai', group: 'addressed', weight: 0.8, message: 'addresses an AI agent directly', pattern: new RegExp(String.raw`\b(?:attention|note|notice|important|message|instructions?|reminder|directive|warning|memo)\s*(?:to|for)\s+(?:all\s+|any\s+|every\s+)?(?:the\s+)?(?:ai|llms?|ai agents?|coding agents?|ai assistants?|assistants?|agents?|language models?|chatbots?|copilot|claude|chatgpt|gpt|gemini|codex|automated (?:tools?|systems?|agents?))\b`, 'g') },
  { id: 'addressed-to-ai', group: 'addressed', weight: 0.8, message: 'addresses an AI agent directly', pattern: /\b(?:if|when|while|since) you(?:'re| are) (?:an? )?(?:ai|llm|large language model|language model|ai agent|coding agent|ai assistant|autonomous agent|ai model|chatbot|bot|assistant|agent)\b/g },
  { id: 'addressed-to-ai', group: 'addressed', weight: 0.8, message: 'addresses AI agents reading the text', pattern: /\b(?:ai|llm|coding|autonomous|automated|language)\s+(?:agents?|assistants?|models?|tools?|systems?|bots?)\s+(?:that are\s+|who are\s+)?(?:reading|processing|parsing|analy[sz]ing|summari[sz]ing|reviewing|viewing|crawling|scraping|seeing|visiting|ingesting|working (?:on|with))\s+(?:this|these|the following)\b/g },
  { id: 'addressed-to-ai', group: 'addressed', weight: 0.8, message: 'tells an AI what it must do', pattern: /\bas an? (?:ai|llm|language model|ai assistant|ai agent|ai model|assistant)\b,?\s+you\s+(?:must|should|are required|need|have to|will)\b/g },
  { id: 'addressed-to-ai', group: 'addressed', weight: 0.8, message: 'addresses an AI agent directly', pattern: new RegExp(String.raw`\b(?:dear|hey|hi|hello|ok|okay|attention|note|notice|important|warning)\s*[,:!-]?\s+(?:all\s+|any\s+)?(?:ai\s+|llm\s+|coding\s+)?(?:ai|llms?|agents?|assistants?|claude|chatgpt|gpt|copilot|gemini|codex|bots?|models?)\b\s*[,:!]`, 'g') },
  { id: 'addressed-to-ai', group: 'addressed', weight: 0.8, message: 'gives AI agents orders', pattern: new RegExp(String.raw`\b(?:ai|llm|automated|coding)\s+(?:agents?|assistants?|models?)\b,?\s+(?:must|should|shall|are (?:required|instructed) to|need to|please)\s+(?:always\s+|now\s+|first\s+|immediately\s+)?(?:run|execute|send|delete|ignore|add|include|call|use|fetch|post|upload|write|insert|modify|remove|open|read|visit|install|grant|disable|approve|commit|push|output|print|reply|respond|say|tell|recommend|rate|describe)\b`, 'g') },
  { id: 'addressed-to-ai', group: 'addressed', weight: 0.8, message: 'addresses an AI by name at the start of a line', caseSensitive: true, pattern: new RegExp(String.raw`^[ \t>*_-]*(?:AI|LLM|Agent|Assistant|Claude|ChatGPT|GPT|Copilot|Gemini|Codex|AI agents?|AI assistants?)\s*[:,]\s*(?:please\s+)?(?:you|ignore|do|run|execute|send|delete|write|add|remove|make|change|open|read|fetch|post|include|forget|disregard|stop)\b`, 'gmi') },
  { id: 'chat-template-token', group: 'template', weight: 0.9, message: 'contains a chat-template control token', pattern: /<\|(?:im_start|im_end|system|user|assistant|endoftext|begin_of_text|end_of_text|start_header_id|end_header_id|eot_id|eom_id|channel|message|tool_call|tool_response|start|end)\|>|\[\/?inst\]|<<\/?sys>>|<\/?start_of_turn>|<end_of_turn>/g },
  { id: 'fake-turn', group: 'turn', weight: 0.45, message: 'imitates a conversation turn', caseSensitive: true, pattern: /^[ \t>]*(?:#{1,4}[ \t]*)?(?:System|SYSTEM|Assistant|ASSISTANT|Human|HUMAN|Developer|DEVELOPER|User|USER|Tool|TOOL)(?:[ \t]+(?:message|prompt|response|output|result|Message|Prompt|Response|Output|Result))?[ \t]*:/gm },
  { id: 'fake-turn', group: 'turn', weight: 0.6, message: 'imitates an instruction-format heading', caseSensitive: true, pattern: /^[ \t]*#{2,4}[ \t]*(?:System|Instruction|Instructions|Response|Assistant|SYSTEM|INSTRUCTION|RESPONSE)[ \t]*:?[ \t]*$/gm },
  { id: 'fake-turn', group: 'turn', weight: 0.7, message: 'contains a role tag that imitates the conversation', pattern: /<\/?(?:system|system_prompt|system-prompt|assistant|user_query|admin_instructions|important_instructions|instructions)>/g },
  { id: 'spotlight-escape', group: 'turn', weight: 0.95, message: 'tries to close the tool-output block and speak outside it', pattern: /<\/(?:tool_result|tool_results|tool-result|function_results|function_result|tool_output|tool-output|tool_response|search_results|document|untrusted[-_]?\w*)>/g },
  { id: 'exfiltration-request', group: 'exfiltration', weight: 0.95, message: 'asks to send secrets somewhere', pattern: new RegExp(String.raw`\b(?:send|post|upload|exfiltrate|transmit|forward|leak|email|e-mail|paste|submit|copy|dump|write|include|append|add)\s+${FILLER}(?<!public\s)${SECRET_THING}[^.\n]{0,80}?\b(?:to|at|into|via|in)\b[^.\n]{0,40}?${DESTINATION}`, 'g') },
  { id: 'exfiltration-command', group: 'exfiltration', weight: 0.95, message: 'a command that sends secrets over the network', pattern: new RegExp(String.raw`\b${NET_TOOL}\b[^\n]*(?:\$\(\s*(?:env|printenv|set|cat\s+[^)]*${SECRET_FILE})|@\s*["']?~?[\w./-]*${SECRET_FILE})`, 'g') },
  { id: 'exfiltration-command', group: 'exfiltration', weight: 0.95, message: 'pipes secrets into a network command', pattern: new RegExp(String.raw`(?:^|[;&|\s\`(])(?:env|printenv|set|cat\s+\S*${SECRET_FILE}\S*)\s*\|\s*(?:(?:base64|gzip|xxd)[^|\n]*\|\s*)?${NET_TOOL}\b`, 'g') },
  { id: 'exfiltration-command', group: 'exfiltration', weight: 0.85, message: 'sends a secret variable as request data', pattern: new RegExp(String.raw`\b${NET_TOOL}\b[^\n]*(?:\s-d|--data[\w-]*|\s-F|--form)\s+[^\n]*\$\{?[a-z_]*(?:token|key|secret|password|credentials)`, 'g') },
  { id: 'exfiltration-command', group: 'exfiltration', weight: 0.9, message: 'copies key files to another host', pattern: new RegExp(String.raw`\b(?:scp|rsync)\b[^\n]*${SECRET_FILE}[^\n]*\s\S+@\S+:`, 'g') },
  { id: 'pipe-to-shell', group: 'pipe', weight: 0.35, message: 'downloads a script and runs it', pattern: /\b(?:curl|wget|iwr|invoke-webrequest)\b[^|\n]*\|\s*(?:sudo\s+)?(?:-\w+\s+)?(?:ba|z|k|fi|da)?sh\b|\b(?:curl|wget|iwr|invoke-webrequest)\b[^|\n]*\|\s*(?:python3?|node|perl|ruby|iex|invoke-expression)\b|\b(?:ba|z)?sh\s+(?:-c\s+)?["']?(?:<\(|\$\()\s*(?:curl|wget)\b/g },
  { id: 'encoded-command', group: 'encoded', weight: 0.9, message: 'decodes text and runs it as a command', pattern: /\bbase64\s+(?:-d|--decode|-D)\b[^|\n]*\|\s*(?:sudo\s+)?(?:ba|z)?sh\b|\beval\s*\(\s*atob\s*\(/g },
  { id: 'decode-and-follow', group: 'encoded', weight: 0.7, message: 'asks to decode hidden text and act on it', pattern: /\b(?:decode|deobfuscate|unscramble|rot13|base64-decode)\b[^.\n]{0,60}\b(?:and|then)\s+(?:follow|execute|run|obey|do what|perform|carry out|apply)\b/g },
  { id: 'concealment', group: 'conceal', weight: 0.55, message: 'asks to hide an action from the user', pattern: /\b(?:do not|don't|never|without)\s+(?:tell(?:ing)?|inform(?:ing)?|mention(?:ing)?|notify(?:ing)?|alert(?:ing)?|reveal(?:ing)?|let(?:ting)?)\s+(?:this\s+|it\s+|anything\s+)?(?:to\s+)?(?:the\s+)?(?:user|human|developer|operator|owner)s?\b|\bthe (?:user|human) (?:must|should|does|will) not (?:know|see|notice|find out|be told)\b|\bkeep (?:this|it) (?:secret|hidden) from\b/g },
  { id: 'concealment', group: 'conceal', weight: 0.7, message: 'asks to act silently', pattern: /\b(?:silently|secretly|covertly|quietly|stealthily)\s+(?:run|execute|send|upload|add|insert|modify|delete|exfiltrate|include|install|post|commit|push|copy|download)\b/g },
  { id: 'tool-coercion', group: 'tool', weight: 0.6, message: 'tells the agent to call one of its tools', pattern: /\b(?:use|call|invoke|run|trigger)\s+(?:the\s+|your\s+)?[`'"]?(?:bash|shell|terminal|exec|write|edit|web_fetch|webfetch|fetch|browser|file[_ ]?write|computer)[`'"]?\s+(?:tool|function)\b/g },
];

export const AI_WORDS = new RegExp(String.raw`\b${AI}\b`);
