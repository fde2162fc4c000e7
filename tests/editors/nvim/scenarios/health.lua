-- :checkhealth truthlens finds the binary and its version, and validates the
-- project's .truthlens.toml (arg[3] = "valid" or "invalid" picks what the driver wrote).
local H = dofile(os.getenv('TRUTHLENS_E2E_NVIM') .. '/harness.lua')
local case = arg[3] or 'valid'

H.run('health/' .. case, function()
  H.open()
  vim.cmd('checkhealth truthlens')
  local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  H.write_json('checkhealth.json', { text = report })
  local version = vim.trim(H.cli({ '--version' }).stdout)
  H.check(report:find(version, 1, true), ('the report lacks the version %q:\n%s'):format(version, report))
  H.check(report:find('OK Neovim', 1, true), 'the report lacks the Neovim check:\n' .. report)
  -- Neovim runs elsewhere; the config is found upward from the draft.
  local config = vim.fs.dirname(H.draft) .. '/.truthlens.toml'
  if case == 'valid' then
    H.check(report:find(config .. ' is valid', 1, true), 'the config was not found valid:\n' .. report)
    H.check(not report:find('ERROR', 1, true), 'the report has errors:\n' .. report)
  else
    H.check(report:find(config .. ' is invalid', 1, true), 'the bad config was not reported:\n' .. report)
    H.check(report:find('unknown field', 1, true), 'the reason is missing:\n' .. report)
  end
end)
