-- User commands. Views (summary, report, sources) open in a scratch buffer; inserts
-- go through the server, which edits the buffer itself with workspace/applyEdit.
local cli = require('truthlens.cli')
local M = {}

-- Show TEXT in a reusable scratch buffer called NAME, in a split.
local function scratch(name, text, filetype)
  local buf = vim.fn.bufnr(name)
  if buf == -1 then
    buf = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_name(buf, name)
    vim.bo[buf].bufhidden = 'hide'
  end
  vim.bo[buf].modifiable = true
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(text, '\n', { trimempty = false }))
  vim.bo[buf].modifiable = false
  vim.bo[buf].filetype = filetype
  local win = vim.fn.bufwinid(buf)
  if win == -1 then
    vim.cmd('split')
    vim.api.nvim_win_set_buf(0, buf)
  else
    vim.api.nvim_set_current_win(win)
  end
  return buf
end

-- `truthlens SUBCOMMAND FILE` on the current buffer's file, shown in a scratch buffer.
local function view(subcommand, filetype)
  return function()
    local file, why = cli.buffer_file(0)
    if not file then return vim.notify('truthlens: ' .. why, vim.log.levels.ERROR) end
    local res = cli.run({ subcommand, file })
    -- `report` may exit 1 to say "findings"; only 2 (or a spawn failure) is an error.
    if res.code ~= 0 and res.code ~= 1 then
      return vim.notify(('truthlens %s: %s'):format(subcommand, vim.trim(res.stderr)), vim.log.levels.ERROR)
    end
    scratch(('truthlens://%s/%s'):format(subcommand, vim.fn.fnamemodify(file, ':t')), res.stdout, filetype)
  end
end

local INSERTS = {
  summary = 'truthlens.insertSummary',
  headline = 'truthlens.insertHeadline',
  report = 'truthlens.insertReport',
}

-- Ask the server to insert a generated block into the current buffer.
local function insert(kind)
  local command = INSERTS[kind]
  if not command then
    return vim.notify('truthlens: :TruthLensInsert summary|headline|report', vim.log.levels.ERROR)
  end
  local buf = vim.api.nvim_get_current_buf()
  local client = require('truthlens').clients(buf)[1]
  if not client then
    return vim.notify('truthlens: no TruthLens server is attached to this buffer', vim.log.levels.ERROR)
  end
  local offered = vim.tbl_get(client.server_capabilities, 'executeCommandProvider', 'commands') or {}
  if not vim.tbl_contains(offered, command) then
    return vim.notify(('truthlens: the server does not offer %s'):format(command), vim.log.levels.ERROR)
  end
  local res = require('truthlens').request_sync(client, 'workspace/executeCommand',
    { command = command, arguments = { vim.uri_from_bufnr(buf) } }, 10000, buf)
  if not res or res.err then
    vim.notify(('truthlens: %s failed: %s'):format(command, res and res.err.message or 'timeout'),
      vim.log.levels.ERROR)
  end
end

function M.create()
  local create = vim.api.nvim_create_user_command
  create('TruthLensSummary', view('summary', 'markdown'), { desc = 'TruthLens: summary of the draft' })
  create('TruthLensReport', view('report', 'markdown'), { desc = 'TruthLens: review report of the draft' })
  create('TruthLensSources', view('sources', 'text'), { desc = 'TruthLens: who is quoted, and how often' })
  create('TruthLensInsert', function(o) insert(o.args) end, {
    nargs = 1,
    complete = function() return vim.tbl_keys(INSERTS) end,
    desc = 'TruthLens: insert a summary, headline or report block through the server',
  })
end

return M
