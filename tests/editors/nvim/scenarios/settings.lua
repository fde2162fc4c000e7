-- Settings flow live: require('truthlens').set_settings() turns loaded-language off
-- through workspace/didChangeConfiguration, and its diagnostics go; back on, they return.
local H = dofile(os.getenv('TRUTHLENS_E2E_NVIM') .. '/harness.lua')

H.run('settings', function()
  -- Count the server's workspace/configuration requests to tell "not landed" from "broken".
  local asked = {}
  local default = vim.lsp.handlers['workspace/configuration']
  vim.lsp.handlers['workspace/configuration'] = function(err, params, ctx, config)
    local result = default(err, params, ctx, config)
    table.insert(asked, result)
    return result
  end

  local buf = H.open()
  H.client(buf)
  local before = H.settled_diagnostics(buf)
  local function loaded()
    return #vim.tbl_filter(function(d) return H.rule(d) == 'loaded-language' end, H.diagnostics(buf))
  end
  H.check(loaded() > 0, 'no loaded-language diagnostics to begin with')

  local off_settings = { rules = { ['loaded-language'] = { enabled = false } } }
  require('truthlens').set_settings(off_settings)
  local off = vim.wait(H.timeout, function() return loaded() == 0 end, 50)
  if not off then
    if #asked == 0 then H.skip('live configuration not landed: the server never requested workspace/configuration') end
    -- set_settings() sends the settings in workspace/didChangeConfiguration, so the
    -- server need not ask again; the answers only show what it was told at start.
    local client = H.client(buf)
    H.fail(('loaded-language still reported after set_settings; didChangeConfiguration carried %s, '
      .. 'workspace/configuration was last answered %s, diagnostics are %s'):format(
      vim.json.encode({ truthlens = off_settings }), vim.json.encode(asked[#asked]),
      H.has_capability(client, 'diagnosticProvider') and 'pulled' or 'pushed'))
  end
  H.write_json('configuration-answers.json', asked)

  require('truthlens').set_settings({})
  H.wait(function() return #H.diagnostics(buf) == #before end, 'the diagnostics to come back')
  -- A server started later (another project, :LspRestart) starts from vim.lsp.config:
  -- the dropped rule must not live on there.
  if vim.lsp.config then
    local later = vim.tbl_get(vim.lsp.config.truthlens or {}, 'settings', 'truthlens')
    H.check(type(later) == 'table' and later.rules == nil,
      'set_settings({}) left vim.lsp.config.truthlens.settings = ' .. vim.json.encode(later))
  end
end)
