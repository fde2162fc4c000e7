-- In a folder with no .git and no .truthlens.toml, the plugin still gives the client
-- a root (the draft's folder), so the server offers "Add … to the project allowlist".
local H = dofile(os.getenv('TRUTHLENS_E2E_NVIM') .. '/harness.lua')

H.run('allowlist', function()
  local buf = H.open()
  local client = H.client(buf)
  local folder = vim.fs.dirname(vim.api.nvim_buf_get_name(buf))
  H.check(vim.fn.isdirectory(folder .. '/.git') == 0, 'the scenario folder must have no .git')
  H.check(vim.uv.fs_stat(folder .. '/.truthlens.toml') == nil, 'the scenario folder must have no .truthlens.toml')
  H.check(client.root_dir == folder, ('root %s, not the draft folder %s'):format(tostring(client.root_dir), folder))
  local t = H.expect.target
  local diags = H.settled_diagnostics(buf)
  local on_target = H.covering(buf, diags, t.rule, t.line, t.text)
  H.check(#on_target > 0, 'no diagnostic on ' .. t.text)
  local offered = H.code_actions(buf, on_target[1].lsp.range, on_target)
  H.write_json('codeactions.json', offered)
  local titles = vim.tbl_map(function(a) return a.title end, offered)
  local allowlist = vim.tbl_filter(function(title) return title:find('allowlist', 1, true) end, titles)
  H.check(#allowlist > 0, 'no allowlist action among: ' .. table.concat(titles, '; '))
  H.note('offered: ' .. allowlist[1])
end)
