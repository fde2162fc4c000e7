-- Helpers for the Neovim scenarios. A scenario is run as
--   nvim --headless --clean -u init.lua -l scenarios/NAME.lua DRAFT OUT_DIR
-- and reports one line on stdout: PASS, SKIP (with the missing feature) or FAIL,
-- with exit status 0, 77 or 1.
local H = {}

H.draft = assert(arg[1], 'usage: -l scenario.lua DRAFT OUT_DIR')
H.out = arg[2] or '.'
H.bin = os.getenv('TRUTHLENS_BIN') or 'truthlens'
H.timeout = tonumber(os.getenv('TRUTHLENS_E2E_TIMEOUT_MS') or '15000')
H.expect = dofile(vim.fs.dirname(debug.getinfo(1, 'S').source:sub(2)) .. '/expectations.lua')

local SKIP = {} -- marker for errors that mean "skipped"

-- Stop the scenario as skipped: the feature it needs is not in the server yet.
function H.skip(reason) error({ [SKIP] = true, reason = (reason:gsub('%s*\n%s*', ' ')) }, 0) end

function H.fail(reason) error({ reason = reason }, 0) end

function H.check(cond, reason)
  if not cond then H.fail(reason) end
  return cond
end

-- Notes for the log: what was checked, or which optional part was skipped.
local notes = {}
function H.note(msg) table.insert(notes, msg) end

function H.write_json(name, value)
  local f = assert(io.open(H.out .. '/' .. name, 'w'))
  f:write(vim.json.encode(value))
  f:close()
end

-- Run FN and quit Neovim with the scenario's status.
function H.run(name, fn)
  local t0 = vim.uv.hrtime()
  local ok, err = xpcall(fn, function(e)
    if type(e) == 'table' then return e end
    return { reason = tostring(e) .. '\n' .. debug.traceback() }
  end)
  local secs = (vim.uv.hrtime() - t0) / 1e9
  local status, code, line
  if ok then
    status, code, line = 'PASS', 0, ''
  elseif err[SKIP] then
    status, code, line = 'SKIP', 77, ': ' .. err.reason
  else
    status, code, line = 'FAIL', 1, ': ' .. err.reason
  end
  io.stdout:write(('%s nvim/%s (%.1f s)%s\n'):format(status, name, secs, line))
  for _, n in ipairs(notes) do io.stdout:write('  - ' .. n .. '\n') end
  io.stdout:flush()
  vim.cmd((code == 0) and 'qall!' or ('cquit ' .. code))
end

-- Wait until COND() is truthy; returns its value, or fails naming WHAT.
function H.wait(cond, what, timeout)
  local value
  local ok = vim.wait(timeout or H.timeout, function()
    value = cond()
    return value
  end, 50)
  if not ok then H.fail(('timed out after %d ms waiting for %s'):format(timeout or H.timeout, what)) end
  return value
end

function H.open(path)
  vim.cmd.edit(vim.fn.fnameescape(path or H.draft))
  return vim.api.nvim_get_current_buf()
end

-- The TruthLens client attached to BUF, once initialized.
function H.client(buf)
  return H.wait(function()
    local c = vim.lsp.get_clients({ name = 'truthlens', bufnr = buf })[1]
    return c and c.initialized and c
  end, 'the truthlens client to attach and initialize')
end

function H.has_capability(client, ...)
  return vim.tbl_get(client.server_capabilities, ...) ~= nil
    and vim.tbl_get(client.server_capabilities, ...) ~= false
end

-- Diagnostics in BUF, as plain tables. Only TruthLens runs in these tests.
function H.diagnostics(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      code = d.code, message = d.message, severity = d.severity, source = d.source,
      lsp = d.user_data and d.user_data.lsp,
    })
  end
  return out
end

-- The rule id of a diagnostic: its code, without a `/category` suffix.
function H.rule(d)
  return type(d.code) == 'string' and d.code:match('^[^/]+') or nil
end

-- Diagnostics once they stop changing for a moment (the server coalesces edits).
function H.settled_diagnostics(buf, what)
  local last, stable_since
  H.wait(function()
    local now = vim.json.encode(H.diagnostics(buf))
    if #H.diagnostics(buf) == 0 then return false end
    if now ~= last then
      last, stable_since = now, vim.uv.now()
      return false
    end
    return vim.uv.now() - stable_since >= 500
  end, what or 'diagnostics')
  return H.diagnostics(buf)
end

-- Byte range {lnum, col, end_col} (0-based) of TEXT on 1-based LINE of BUF.
function H.locate(buf, line, text)
  local l = vim.api.nvim_buf_get_lines(buf, line - 1, line, false)[1] or ''
  local s = l:find(text, 1, true)
  H.check(s, ('text %q not found on line %d: %q'):format(text, line, l))
  return { lnum = line - 1, col = s - 1, end_col = s - 1 + #text }
end

local function overlaps(d, loc)
  local starts_before_end = d.lnum < loc.lnum or (d.lnum == loc.lnum and d.col < loc.end_col)
  local ends_after_start = d.end_lnum > loc.lnum or (d.end_lnum == loc.lnum and d.end_col > loc.col)
  return starts_before_end and ends_after_start
end

-- The diagnostics of RULE (any rule when nil) that overlap TEXT on LINE.
function H.covering(buf, diags, rule, line, text)
  local loc = H.locate(buf, line, text)
  return vim.tbl_filter(function(d)
    return (rule == nil or H.rule(d) == rule) and overlaps(d, loc)
  end, diags)
end

-- `truthlens ARGS...` -> {code, stdout, stderr}.
function H.cli(args, stdin)
  local res = vim.system(vim.list_extend({ H.bin }, args), { text = true, stdin = stdin }):wait(H.timeout)
  return { code = res.code, stdout = res.stdout or '', stderr = res.stderr or '' }
end

-- The CLI's findings for PATH (same binary, same config): the positions must agree.
function H.cli_findings(path)
  local res = H.cli({ 'check', '--format', 'json', path })
  H.check(res.code == 0 or res.code == 1, 'truthlens check failed: ' .. res.stderr)
  return vim.json.decode(res.stdout).files[1].findings
end

-- A CLI subcommand that is still a stub says "not built yet": skip, naming it.
function H.require_cli(subcommand, path)
  local res = H.cli({ subcommand, path })
  if res.code == 2 and res.stderr:find('not built yet', 1, true) then
    H.skip(('`truthlens %s` not landed: %s'):format(subcommand, vim.trim(res.stderr)))
  end
  H.check(res.code == 0 or res.code == 1, ('truthlens %s failed (%d): %s'):format(subcommand, res.code, res.stderr))
  return res
end

-- Byte offset -> 0-based (line, byte column) in TEXT.
function H.position(text, offset)
  local before = text:sub(1, offset)
  local lnum = select(2, before:gsub('\n', ''))
  local last_nl = before:match('.*()\n')
  return lnum, last_nl and (offset - last_nl) or offset
end

function H.read(path)
  local f = assert(io.open(path, 'rb'))
  local s = f:read('*a')
  f:close()
  return s
end

function H.buffer_text(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
end

-- Fail when a request to the server returns an error.
function H.request(buf, method, params)
  local client = H.client(buf)
  local res = require('truthlens').request_sync(client, method, params, H.timeout, buf)
  H.check(res, method .. ' timed out')
  H.check(not res.err, method .. ' failed: ' .. vim.inspect(res.err))
  return res.result
end

-- Code actions the server offers on a range (given in LSP form).
function H.code_actions(buf, range, diags)
  local lsp_diags = {}
  for _, d in ipairs(diags or {}) do table.insert(lsp_diags, d.lsp) end
  return H.request(buf, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = range,
    context = { diagnostics = lsp_diags },
  }) or {}
end

return H
