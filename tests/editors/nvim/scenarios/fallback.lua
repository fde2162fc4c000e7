-- The Neovim 0.10 path: with vim.lsp.config/enable hidden (init.lua does that when
-- TRUTHLENS_TEST_FORCE_START=1), setup() starts the server with vim.lsp.start on FileType.
local H = dofile(os.getenv('TRUTHLENS_E2E_NVIM') .. '/harness.lua')

H.run('fallback', function()
  H.check(vim.lsp.enable == nil, 'vim.lsp.enable is still there: the fallback is not exercised')
  local buf = H.open()
  local client = H.client(buf)
  H.check(client.root_dir == vim.fs.dirname(H.draft), 'root_dir is ' .. tostring(client.root_dir))
  H.settled_diagnostics(buf, 'diagnostics through the vim.lsp.start fallback')
  -- A second draft in the same root reuses the client.
  local other = vim.fs.dirname(H.draft) .. '/second.md'
  vim.fn.writefile({ 'The thug spoke.' }, other)
  local buf2 = H.open(other)
  H.wait(function() return #H.diagnostics(buf2) > 0 end, 'diagnostics on a second draft')
  H.check(#require('truthlens').clients() == 1, 'a second client was started for the same root')
end)
