-- "Insert summary" puts the marked summary block into the draft, once: running it
-- again replaces the block instead of adding a second one. arg[3] picks the route:
--   action   the code action a user picks from the menu
--   command  :TruthLensInsert summary (workspace/executeCommand)
local H = dofile(os.getenv('TRUTHLENS_E2E_NVIM') .. '/harness.lua')
local route = arg[3] or 'action'
local MARKER = '<!-- truthlens:summary -->'

local function count(buf)
  return select(2, H.buffer_text(buf):gsub(vim.pesc(MARKER), ''))
end

H.run('insert_summary/' .. route, function()
  -- The server may already offer the command while the summary itself is a stub;
  -- the CLI tells which.
  H.require_cli('summary', H.draft)
  local buf = H.open()
  local client = H.client(buf)
  H.settled_diagnostics(buf)

  local function insert()
    if route == 'command' then
      local offered = vim.tbl_get(client.server_capabilities, 'executeCommandProvider', 'commands') or {}
      if not vim.tbl_contains(offered, 'truthlens.insertSummary') then
        H.skip('insert summary not landed: the server does not offer the command truthlens.insertSummary')
      end
      vim.cmd('TruthLensInsert summary')
    else
      if not H.has_capability(client, 'codeActionProvider') then
        H.skip('code actions not landed: the server has no codeActionProvider')
      end
      vim.api.nvim_win_set_cursor(0, { 1, 0 })
      local range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } }
      local actions = H.code_actions(buf, range, {})
      local found = vim.tbl_filter(function(a) return a.title:lower():find('summary', 1, true) end, actions)
      if #found == 0 then
        H.skip(('insert summary not landed: no "summary" code action (offered: %s)'):format(
          table.concat(vim.tbl_map(function(a) return a.title end, actions), '; ')))
      end
      local title = found[1].title
      vim.lsp.buf.code_action({ apply = true, filter = function(a) return a.title == title end })
    end
  end

  H.check(count(buf) == 0, 'the draft already has a summary block')
  insert()
  H.wait(function() return count(buf) == 1 end, 'the summary block ' .. MARKER)
  local after_first = H.buffer_text(buf)
  H.write_json('after-insert.json', { text = after_first })
  insert()
  vim.wait(1500, function() return H.buffer_text(buf) ~= after_first end, 50)
  H.check(count(buf) == 1, ('a second insert left %d summary blocks'):format(count(buf)))
end)
