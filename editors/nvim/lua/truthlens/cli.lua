-- Runs the truthlens command line on a draft. The server lints the buffer; these
-- read-only views (summary, report, sources) run the CLI on the saved file instead,
-- which keeps them off the typing path.
local M = {}

local TIMEOUT_MS = 10000

--- Run `truthlens ARGS...` synchronously; returns { code, stdout, stderr }.
function M.run(args, stdin)
  local binary = require('truthlens').binary()
  local cmd = vim.list_extend({ binary }, args)
  local ok, proc = pcall(vim.system, cmd, { text = true, stdin = stdin })
  if not ok then
    return { code = -1, stdout = '', stderr = ('cannot run %s: %s'):format(binary, proc) }
  end
  local res = proc:wait(TIMEOUT_MS)
  return { code = res.code, stdout = res.stdout or '', stderr = res.stderr or '' }
end

--- The file behind a buffer, or nil and a reason.
function M.buffer_file(buf)
  local name = vim.api.nvim_buf_get_name(buf)
  if name == '' or vim.fn.filereadable(name) == 0 then
    return nil, 'the buffer has no file on disk; write it first'
  end
  if vim.bo[buf].modified then
    vim.notify('truthlens: the buffer has unsaved changes; showing the saved file', vim.log.levels.WARN)
  end
  return name
end

return M
