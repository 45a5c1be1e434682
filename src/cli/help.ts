// Help texts for every command, with examples.

export const MAIN_HELP = `summon — an open, local-first AI coding agent

Usage:
  summon -p "TASK" [options]       run the agent on TASK in the current folder, headless
  summon run "TASK" [options]      the same
  summon demo [--model P/M]        try it: a scripted model fixes a failing test in a sample project
  summon config [--json]           show the effective configuration and where each value came from
  summon models                    list the model table (window, prices, capabilities)
  summon help [COMMAND]            help for a command
  summon index [--cwd DIR]         build or update the context index (symbols, references, git history)
  summon context "QUERY" [--json] [--pack --budget N]
                                   rank the files a task needs (with reasons), or pack them into a budget
  summon verify math|code --json   judge math answers or programs (JSON Lines in and out)
  summon audit secrets|injection|code [--json] [PATH…|-]
                                   scan files or stdin for secrets, prompt injection or vulnerable code
  summon serve rewards [--port 8700]
                                   serve the verifiers over HTTP to RL trainers (OpenRLHF, verl, TRL)
  summon export --format trl|openrlhf|verl|jsonl
                                   write saved attempt trajectories (with rewards) as a training dataset
  summon sandbox exec -- CMD ARGS  run any command in the same sandbox the agent's commands use
  summon sessions [--all] [--json] the sessions of this folder: first task, runs, turns, cost

Options for run:
  -p, --print TASK                 the task (or give it as the first argument of run); - reads it from
                                   standard input, and input piped in with a task is attached below it
      --cwd DIR                    work in DIR instead of the current folder
  -m, --model PROVIDER/MODEL       e.g. anthropic/claude-sonnet-4-5, openai/gpt-5, ollama/qwen3-coder
      --think off|low|medium|high|TOKENS
                                   reasoning effort or thinking budget (default off)
      --output-format text|json|stream-json
                                   text: answer on stdout, summary on stderr (default)
                                   json: one object at the end; stream-json: one event per line
      --max-turns N                stop after N model turns (default 50)
      --max-cost USD               stop once the run has cost this much
      --timeout SEC                stop after SEC seconds
  -c, --continue                   continue the newest session of this folder with the task
  -r, --resume ID                  continue session ID (its journal's name) with the task
  -v, --verbose                    show tool calls on stderr as they happen
      --debug                      show stack traces for errors
  -V, --version                    print the version
  -h, --help                       print this help

Examples:
  summon -p "fix the failing test in test/parse.test.ts"
  summon run "add a --json flag to the list command" --model openai/gpt-5 --think medium
  summon -p "explain src/router.ts" --output-format json --max-turns 5
  git diff main | summon -p "review this change for bugs"
  OPENAI_BASE_URL=http://127.0.0.1:8000/v1 summon -p "rename foo to bar" --model openai-chat/qwen3

Exit codes: 0 done, 1 the agent failed or gave up, 2 usage or configuration error, 130 interrupted.
Docs: README.md in the summon package.`;

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  run: `summon run "TASK" [options]   (also: summon -p "TASK")

Runs the agent on TASK in the current folder (or --cwd DIR) until it is done, then prints the answer.
TASK - reads the task from standard input; input piped in with a task is attached below it.
Options: --cwd, --model, --think, --output-format, --max-turns, --max-cost, --timeout, --continue,
--resume, --verbose, --debug (see summon --help for each).

Examples:
  summon run "make the date parser accept ISO week dates" --model anthropic/claude-sonnet-4-5
  summon run "why does npm test fail?" --output-format stream-json | jq -c 'select(.type=="tool-call")'
  summon run "update the changelog" --cwd ../other-repo --max-cost 0.50
  summon -p "now add a test for it" --continue
  npm test 2>&1 | summon run "make these failures pass"`,
  demo: `summon demo [--model PROVIDER/MODEL] [--keep]

Copies a small sample project with a failing test into a temporary folder and runs the real agent
loop on it: real tools, a real test run, and the real diff at the end. Without --model the model is
a scripted fake (clearly labelled) served over HTTP by summon's fake LLM server, so no API key is
needed. With --model, the same task goes to that model. --keep leaves the folder in place.

Examples:
  summon demo
  summon demo --model anthropic/claude-haiku-4-5
  summon demo --keep --output-format stream-json`,
  config: `summon config [--json] [--cwd DIR]

Prints the effective configuration, one value per line, with where each value came from
(default, user file, project file, environment, flag). Secrets are masked.
Layers, lowest first: defaults < $XDG_CONFIG_HOME/summon/config.json < .summon/config.json < environment < flags.

Examples:
  summon config
  summon config --json --model openai/gpt-5`,
  models: `summon models [--json]

Lists the built-in model table: context window, output limit, prices per million tokens and
capabilities. Override or add entries under "models" in the config.

Examples:
  summon models
  summon models --json | jq 'keys'`,
  help: `summon help [COMMAND]

Examples:
  summon help run
  summon help demo`,
};
