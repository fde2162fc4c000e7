-- :TruthLensSummary, :TruthLensReport and :TruthLensSources (arg[3] picks one) show
-- the CLI's output for the buffer's file in a scratch buffer.
local H = dofile(os.getenv('TRUTHLENS_E2E_NVIM') .. '/harness.lua')
local which = assert(arg[3], 'usage: commands.lua DRAFT OUT summary|report|sources')
local COMMANDS = { summary = 'TruthLensSummary', report = 'TruthLensReport', sources = 'TruthLensSources' }

H.run('commands/' .. which, function()
  local expected = H.require_cli(which, H.draft).stdout
  local draft = H.open()
  vim.cmd(COMMANDS[which])
  local buf = vim.api.nvim_get_current_buf()
  H.check(buf ~= draft, 'no scratch buffer was opened')
  H.check(vim.bo[buf].buftype == 'nofile', 'the output buffer is not a scratch buffer')
  local shown = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  H.check(vim.trim(shown) == vim.trim(expected), ('the buffer shows %q, the CLI printed %q'):format(shown, expected))
  H.check(vim.trim(shown) ~= '', 'the output is empty')
  -- Running it again reuses the buffer.
  vim.cmd.wincmd('p')
  vim.cmd(COMMANDS[which])
  H.check(vim.api.nvim_get_current_buf() == buf, 'a second run opened another buffer')
end)
