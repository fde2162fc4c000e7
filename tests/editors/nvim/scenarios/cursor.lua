-- A finding on the word being typed waits until the cursor leaves it: the plugin
-- reports the cursor (`truthlens/cursor`) on every move that comes without an edit.
-- A headless Neovim running a script fires no cursor events of its own, so the
-- scenario fires them where a writer's keys would.
local H = dofile(os.getenv('TRUTHLENS_E2E_NVIM') .. '/harness.lua')
local TYPED = 'The minister slammed'
-- How long "nothing shown" is watched for; a finding that is not held shows well within it.
local QUIET_MS = 1500

H.run('cursor', function()
  local buf = H.open()
  H.client(buf)
  H.settled_diagnostics(buf)
  local function moved_to(line, col)
    vim.api.nvim_win_set_cursor(0, { line, col })
    vim.api.nvim_exec_autocmds('CursorMoved', { buffer = buf })
  end
  -- The writer reads the top of the draft, then types a new paragraph, which ends
  -- with a loaded word: the cursor is right after it, as typing leaves it.
  moved_to(1, 0)
  local last = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, last, last, false, { '', '' })
  local line = last + 2
  vim.api.nvim_buf_set_text(buf, line - 1, 0, line - 1, 0, { TYPED })
  vim.api.nvim_win_set_cursor(0, { line, #TYPED })
  local function flagged()
    return #H.covering(buf, H.diagnostics(buf), 'loaded-language', line, 'slammed') > 0
  end
  vim.wait(QUIET_MS, flagged, 50)
  H.check(not flagged(), 'the finding on the word being typed was shown before the cursor left it')
  -- Still on the word (Escape moves the cursor onto its last letter): still held.
  moved_to(line, #TYPED - 1)
  vim.wait(QUIET_MS, flagged, 50)
  H.check(not flagged(), 'the finding was shown while the cursor was still on the word')
  -- The cursor leaves the word: the finding appears, without an edit.
  moved_to(1, 0)
  H.wait(flagged, 'the held-back finding once the cursor left the word')
  H.note('held while the cursor was on the word, shown once it left')
end)
