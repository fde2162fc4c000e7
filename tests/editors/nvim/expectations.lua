-- What the example article (examples/ceasefire-draft.md) must show in the editor.
-- Each expected finding is a rule, a 1-based line and a piece of text on that line
-- that the diagnostic's range must overlap (so a rule may flag a word or a clause).
local M = {}

-- Rules whose findings are required. A rule listed in `findings` but not here is
-- still checked when the server reports it, and reported as skipped when it doesn't.
-- When a rule lands, add it here: that is the one-line change.
M.asserted = { 'loaded-language', 'unattributed-claim', 'single-source' }

M.findings = {
  ['loaded-language'] = {
    { line = 15, text = 'brutal' },
    { line = 35, text = 'slammed' },
    { line = 68, text = 'shameless' },
  },
  ['unattributed-claim'] = {
    { line = 39, text = 'Experts say' },
    { line = 39, text = 'it is widely believed' },
  },
  ['single-source'] = {
    { line = 45, text = 'One official' },
    { line = 50, text = 'alleges' },
  },
}

-- Loaded words inside direct quotes belong to the speaker: never flagged by default.
M.quiet = {
  { rule = 'loaded-language', line = 19, text = 'sheer joke' },
  { rule = 'loaded-language', line = 20, text = 'butchers' },
  { rule = 'loaded-language', line = 36, text = 'propaganda' },
}

-- Server features whose absence is a failure. A feature not listed here is still
-- checked, and reported as skipped when the server does not show it yet (run = "onSave"
-- is accepted by the config before the server honours it). Add it when it lands.
M.asserted_features = { 'onSave' }

-- Inlay hints: the source named right after a quote (a pronoun's source included).
M.speakers = {
  { line = 18, after = 'gave us this,"', source = 'Ana Petrova' },
  { line = 22, after = 'fired first,"', source = 'Tomas Reyes' },
  { line = 54, after = 'disappear,"', source = 'Daniel (pseudonym)' },
}

-- The finding the hover and quick-fix scenarios act on.
M.target = { rule = 'loaded-language', line = 35, text = 'slammed' }

return M
