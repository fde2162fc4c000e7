-- Who said what, seen in Neovim: the plugin turns inlay hints on, and after each
-- quote the hint names the source the engine attributed it to (a pronoun's source
-- included). set_settings() turns them off live through the server (which asks
-- Neovim to refresh), and back on. Argument `off`: setup({ inlay_hints = false })
-- leaves them off in Neovim and tells the server so.
local H = dofile(os.getenv('TRUTHLENS_E2E_NVIM') .. '/harness.lua')
local mode = arg[3] or 'on'

-- The hints of BUF as {line (1-based), col (0-based byte), label}.
local function hints(buf, client)
  local out = {}
  for _, item in ipairs(vim.lsp.inlay_hint.get({ bufnr = buf })) do
    local hint = item.inlay_hint
    local label = hint.label
    if type(label) == 'table' then
      label = table.concat(vim.tbl_map(function(part) return part.value end, label))
    end
    local line = vim.api.nvim_buf_get_lines(buf, hint.position.line, hint.position.line + 1, false)[1]
    local col = vim.str_byteindex(line, client.offset_encoding, hint.position.character, false)
    table.insert(out, { line = hint.position.line + 1, col = col, label = label })
  end
  return out
end

-- The hint standing right after AFTER on LINE, if any.
local function hint_after(list, buf, line, after)
  local loc = H.locate(buf, line, after)
  for _, h in ipairs(list) do
    if h.line == line and h.col == loc.end_col then return h end
  end
end

-- Whether Neovim drew a hint naming SOURCE: the inlay hints' extmarks after a redraw.
local function drawn(buf, source)
  local ns = vim.api.nvim_get_namespaces()['nvim.lsp.inlayhint']
  if not ns then return nil end
  vim.cmd.redraw()
  for _, mark in ipairs(vim.api.nvim_buf_get_extmarks(buf, ns, 0, -1, { details = true })) do
    for _, chunk in ipairs(mark[4].virt_text or {}) do
      if chunk[1]:find(source, 1, true) then return true end
    end
  end
  return false
end

local function expect_speakers(buf, client)
  local list = H.wait(function()
    local now = hints(buf, client)
    return #now >= #H.expect.speakers and now
  end, 'the inlay hints')
  H.write_json('inlay-hints.json', list)
  for _, s in ipairs(H.expect.speakers) do
    local h = hint_after(list, buf, s.line, s.after)
    H.check(h, ('no hint after %q on line %d; hints: %s'):format(s.after, s.line, vim.json.encode(list)))
    H.check(h.label == '— ' .. s.source,
      ('the hint after %q on line %d is %q, not %q'):format(s.after, s.line, h.label, '— ' .. s.source))
  end
  return list
end

H.run('inlay_hints/' .. mode, function()
  local buf = H.open()
  local client = H.client(buf)
  H.check(H.has_capability(client, 'inlayHintProvider'), 'the server has no inlayHintProvider')
  H.settled_diagnostics(buf)

  if mode == 'off' then
    H.check(not vim.lsp.inlay_hint.is_enabled({ bufnr = buf }), 'inlay_hints = false left them on')
    H.check(vim.tbl_get(client.settings, 'truthlens', 'inlay-hints') == false,
      'the server was not told: settings are ' .. vim.json.encode(client.settings))
    local result = H.request(buf, 'textDocument/inlayHint', {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = { start = { line = 0, character = 0 }, ['end'] = { line = vim.api.nvim_buf_line_count(buf), character = 0 } },
    })
    H.check(result == nil or result == vim.NIL or #result == 0,
      'the server still gives hints: ' .. vim.json.encode(result))
    return
  end

  H.check(vim.lsp.inlay_hint.is_enabled({ bufnr = buf }), 'the plugin did not turn inlay hints on')
  local list = expect_speakers(buf, client)
  local seen = drawn(buf, H.expect.speakers[1].source)
  if seen == nil then
    H.note('no nvim.lsp.inlayhint namespace: drawing not checked')
  else
    H.check(seen, 'the hints are known but none was drawn')
  end

  -- Off through the server: it asks Neovim to refresh, and the hints go.
  require('truthlens').set_settings({ ['inlay-hints'] = false })
  H.wait(function() return #hints(buf, client) == 0 end, 'the hints to go with inlay-hints = false')
  require('truthlens').set_settings({})
  H.wait(function() return #hints(buf, client) == #list end, 'the hints to come back')
  H.note(('%d hints; %s'):format(#list, vim.json.encode(H.expect.speakers)))
end)
