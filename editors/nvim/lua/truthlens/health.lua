-- :checkhealth truthlens
local M = {}

local health = vim.health

local function check_neovim()
  if vim.fn.has('nvim-0.11') == 1 then
    health.ok('Neovim ' .. tostring(vim.version()) .. ' (vim.lsp.config / vim.lsp.enable)')
  elseif vim.fn.has('nvim-0.10') == 1 then
    health.warn('Neovim ' .. tostring(vim.version()) .. ': using the vim.lsp.start fallback',
      { 'Neovim 0.11 or newer is recommended' })
  else
    health.error('Neovim 0.10 or newer is required')
  end
end

-- Returns the binary's full path when it runs.
local function check_binary(binary)
  local path = vim.fn.exepath(binary)
  if path == '' then
    health.error(('`%s` not found'):format(binary), {
      'Install it: cargo install --path . (from a clone of the TruthLens repository)',
      "Or point setup at it: require('truthlens').setup({ cmd = { '/path/to/truthlens', 'lsp' } })",
    })
    return nil
  end
  local res = vim.system({ path, '--version' }, { text = true }):wait(5000)
  if res.code ~= 0 then
    health.error(('`%s --version` failed (exit %s): %s'):format(path, res.code, vim.trim(res.stderr or '')))
    return nil
  end
  health.ok(('%s: %s'):format(path, vim.trim(res.stdout)))
  return path
end

-- Find .truthlens.toml upward from the draft (the buffer :checkhealth was run from,
-- which is the alternate buffer by now) or the working directory, and let the CLI
-- validate it: `check --config FILE -` on an empty draft exits 2 on a bad config.
local function check_config(path)
  local draft = vim.fn.expand('#:p')
  local start = (draft ~= '' and vim.fn.filereadable(draft) == 1) and vim.fs.dirname(draft) or vim.fn.getcwd()
  local file = vim.fs.find('.truthlens.toml', { upward = true, path = start })[1]
  if file then file = vim.fn.fnamemodify(file, ':p') end
  if not file then
    health.info('No .truthlens.toml above ' .. start .. ': the defaults apply')
    return
  end
  if not path then
    health.warn(file .. ' found, but it cannot be validated without the binary')
    return
  end
  local res = vim.system({ path, 'check', '--config', file, '--stdin-filename', 'empty.md', '-' },
    { text = true, stdin = '' }):wait(5000)
  if res.code == 2 then
    health.error(file .. ' is invalid: ' .. vim.trim(res.stderr or ''))
  else
    health.ok(file .. ' is valid')
  end
end

local function check_clients()
  local tl = require('truthlens')
  local clients = tl.clients()
  if #clients == 0 then
    health.info('No TruthLens server running (it starts on a ' .. table.concat(tl.options.filetypes, ' or ') .. ' buffer)')
    return
  end
  for _, c in ipairs(clients) do
    health.ok(('Server running (client id %d, root %s), attached to %d buffer(s)'):format(
      c.id, c.root_dir or '-', vim.tbl_count(c.attached_buffers or {})))
  end
end

function M.check()
  health.start('truthlens')
  check_neovim()
  local tl = require('truthlens')
  health.info('Server command: ' .. table.concat(tl.options.cmd, ' '))
  local path = check_binary(tl.binary())
  check_config(path)
  check_clients()
end

return M
