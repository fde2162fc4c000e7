-- Typing a loaded word: with run = "onType" (the default) the diagnostic follows the
-- edit; with run = "onSave" (arg[3], passed to setup() as a setting by the driver) it
-- appears only after :w.
local H = dofile(os.getenv('TRUTHLENS_E2E_NVIM') .. '/harness.lua')
local mode = arg[3] or 'onType'
local NEW = 'The minister slammed the plan.'
-- How long "nothing happened" is watched for; the onType case shows a diagnostic well within it.
local QUIET_MS = 2000

H.run('edit/' .. mode, function()
  if mode == 'onSave' then
    -- The server reads `run` with the .truthlens.toml schema; a config without it
    -- rejects the key, which tells us the feature has not landed.
    local toml = H.out .. '/run-on-save.toml'
    local f = assert(io.open(toml, 'w'))
    f:write('run = "onSave"\n')
    f:close()
    local res = H.cli({ 'check', '--config', toml, '--stdin-filename', 'empty.md', '-' }, '')
    if res.code == 2 then
      H.skip('run = "onSave" not landed: the config schema rejects it: ' .. vim.trim(res.stderr))
    end
  end
  local buf = H.open()
  H.client(buf)
  if mode == 'onType' then H.settled_diagnostics(buf) else vim.wait(1000) end

  local last = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, last, last, false, { '', NEW })
  local new_line = last + 2
  local function flagged()
    return #H.covering(buf, H.diagnostics(buf), 'loaded-language', new_line, 'slammed') > 0
  end

  if mode == 'onType' then
    H.wait(flagged, 'a diagnostic on the typed word, without saving')
  else
    vim.wait(QUIET_MS, flagged, 50)
    if flagged() and not vim.tbl_contains(H.expect.asserted_features, 'onSave') then
      H.skip('run = "onSave" not honoured by the server yet: the config accepts it, but the edit '
        .. 'was linted before :w (list onSave in expectations.asserted_features once it lands)')
    end
    H.check(not flagged(), 'run = "onSave": the edit was linted before :w')
    vim.cmd.write()
    H.wait(flagged, 'a diagnostic on the typed word after :w')
  end
end)
