-- A loaded-language quick fix, chosen and applied the way a user does (code action
-- with a filter), replaces the word; the finding then disappears.
local H = dofile(os.getenv('TRUTHLENS_E2E_NVIM') .. '/harness.lua')

H.run('quickfix', function()
  local buf = H.open()
  local client = H.client(buf)
  if not H.has_capability(client, 'codeActionProvider') then
    H.skip('code actions not landed: the server has no codeActionProvider')
  end
  local t = H.expect.target
  local diags = H.settled_diagnostics(buf)
  local on_target = H.covering(buf, diags, t.rule, t.line, t.text)
  H.check(#on_target > 0, 'no diagnostic on ' .. t.text)
  local loc = H.locate(buf, t.line, t.text)

  -- A fix replaces the word itself; suppressions insert comments elsewhere.
  local function is_fix(action)
    if not (action.kind or ''):match('^quickfix') then return false end
    local edits = action.edit and action.edit.changes and action.edit.changes[vim.uri_from_bufnr(buf)]
    if not edits and action.edit and action.edit.documentChanges then
      edits = action.edit.documentChanges[1] and action.edit.documentChanges[1].edits
    end
    for _, e in ipairs(edits or {}) do
      if e.range.start.line == t.line - 1 and e.newText ~= '' and not e.newText:find('truthlens', 1, true) then
        return true
      end
    end
    return false
  end
  local lsp_range = on_target[1].lsp.range
  local offered = H.code_actions(buf, lsp_range, on_target)
  H.write_json('codeactions.json', offered)
  local fixes = vim.tbl_filter(is_fix, offered)
  if #fixes == 0 then
    H.skip(('loaded-language quick fixes not landed: no quickfix replaces %q (%d actions: %s)'):format(
      t.text, #offered, table.concat(vim.tbl_map(function(a) return a.title end, offered), '; ')))
  end
  local chosen = fixes[1].title

  vim.api.nvim_win_set_cursor(0, { t.line, loc.col + 1 })
  vim.lsp.buf.code_action({
    apply = true,
    filter = function(a) return a.title == chosen end,
  })
  H.wait(function()
    local line = vim.api.nvim_buf_get_lines(buf, t.line - 1, t.line, false)[1]
    return not line:find(t.text, 1, true)
  end, ('the quick fix %q to replace %q'):format(chosen, t.text))
  H.note('applied: ' .. chosen)

  -- The finding goes away; the rest of the article's findings stay.
  H.wait(function()
    local now = H.diagnostics(buf)
    local left = vim.tbl_filter(function(d)
      return H.rule(d) == t.rule and d.lnum == t.line - 1 and d.col == loc.col
    end, now)
    return #left == 0 and #now == #diags - 1
  end, 'the fixed finding to disappear (and only it)')
end)
