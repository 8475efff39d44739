-- wrk: every request a different query, so that no answer comes from the cache.
-- Each query is one of a few real ones with a running number appended:
--   wrk -s bench/varied.lua <base>/api/search -- <lang>
local queries = {
  "%E8%8A%82%E7%82%B9%20NotReady%20%E6%80%8E%E4%B9%88%E5%8A%9E",                 -- 节点 NotReady 怎么办
  "x509%3A%20certificate%20has%20expired%20or%20is%20not%20yet%20valid",
  "kubectl%20%E8%B6%85%E6%97%B6",                                                  -- kubectl 超时
  "%E3%83%8E%E3%83%BC%E3%83%89%E3%81%8C%E8%B5%B7%E5%8B%95%E3%81%97%E3%81%AA%E3%81%84", -- ノードが起動しない
  "pod%20gagal%20mount%20NAS",
  "FailedMount%20MountVolume.SetUp%20failed%20for%20volume",
  "%E5%AD%98%E5%82%A8%E5%8D%B7%E6%8C%82%E8%BD%BD%E5%A4%B1%E8%B4%A5",               -- 存储卷挂载失败
  "coredns%20%E8%A7%A3%E6%9E%90%E5%A4%B1%E8%B4%A5",                               -- coredns 解析失败
}
local lang = "zh"
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  if args[1] then lang = args[1] end
  counter = thread_id * 100000000
end

function request()
  counter = counter + 1
  local q = queries[(counter % #queries) + 1]
  return wrk.format("GET", wrk.path .. "?lang=" .. lang .. "&q=" .. q .. "%20" .. counter)
end
