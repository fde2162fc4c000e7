-- Hover on a finding explains it: K opens a float with the reason and the alternatives.
local H = dofile(os.getenv('TRUTHLENS_E2E_NVIM') .. '/harness.lua')

H.run('hover', function()
  local buf = H.open()
  local client = H.client(buf)
  if not H.has_capability(client, 'hoverProvider') then
    H.skip('hover not landed: the server has no hoverProvider')
  end
  local t = H.expect.target
  local diags = H.settled_diagnostics(buf)
  H.check(#H.covering(buf, diags, t.rule, t.line, t.text) > 0, 'no diagnostic on ' .. t.text)

  local loc = H.locate(buf, t.line, t.text)
  vim.api.nvim_win_set_cursor(0, { t.line, loc.col + 1 })
  vim.lsp.buf.hover()
  -- The hover float is the only floating window.
  local win = H.wait(function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= '' then return w end
    end
  end, 'the hover window')
  local text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false), '\n')
  H.write_json('hover.json', { text = text })

  local finding
  for _, f in ipairs(H.cli_findings(H.draft)) do
    if f.rule == t.rule and f.text == t.text then finding = f end
  end
  H.check(finding, 'the CLI has no finding for ' .. t.text)
  H.check(text:find(t.rule, 1, true) or text:find(finding.explanation, 1, true),
    ('the hover names neither the rule nor the explanation %q: %q'):format(finding.explanation, text))
  for _, alt in ipairs(finding.alternatives) do
    H.check(text:find(alt, 1, true), ('the hover does not offer the alternative %q: %q'):format(alt, text))
  end
end)
