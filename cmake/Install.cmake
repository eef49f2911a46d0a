# `cmake --install` and `cpack` (docs/install.md): bin/krapte, and share/krapte/ with the
# scenarios and their data, the sweeps, the docs and the report page's parts with the
# licences of its npm libraries. krapte holds the page itself (engine/CMakeLists.txt), so
# share/krapte/report is for reference and for KRAPTE_REPORT_PAGE_DIR.
include(GNUInstallDirs)
set(KRAPTE_SHARE_DIR "${CMAKE_INSTALL_DATADIR}/krapte")
install(TARGETS krapte RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/scenarios" "${PROJECT_SOURCE_DIR}/sweeps" "${PROJECT_SOURCE_DIR}/docs"
        DESTINATION "${KRAPTE_SHARE_DIR}")
install(FILES "${PROJECT_SOURCE_DIR}/README.md" DESTINATION "${KRAPTE_SHARE_DIR}")
set(_report "${PROJECT_SOURCE_DIR}/tools/report")
install(FILES "${_report}/report.html" "${_report}/report.css" "${_report}/report.js"
        DESTINATION "${KRAPTE_SHARE_DIR}/report")
# The three bundles krapte inlines, each with its licence; the packages they bundle (d3-*,
# ...) are credited in their licence files, installed beside them.
foreach(_package vega vega-lite vega-embed)
  if(EXISTS "${_report}/node_modules/${_package}/build/${_package}.min.js")
    install(FILES "${_report}/node_modules/${_package}/build/${_package}.min.js"
            DESTINATION "${KRAPTE_SHARE_DIR}/report/node_modules/${_package}/build")
  endif()
endforeach()
file(GLOB _licences "${_report}/node_modules/*/LICENSE*" "${_report}/node_modules/@*/*/LICENSE*")
foreach(_licence IN LISTS _licences)
  file(RELATIVE_PATH _relative "${_report}/node_modules" "${_licence}")
  get_filename_component(_package_dir "${_relative}" DIRECTORY)
  if(_package_dir MATCHES "^playwright")  # the browser test's driver, not in the page
    continue()
  endif()
  install(FILES "${_licence}" DESTINATION "${KRAPTE_SHARE_DIR}/report/node_modules/${_package_dir}")
endforeach()

# cpack: a Debian package (cpack -G DEB in the build folder, or the `package` target).
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "krapte")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "Stap naar voren (VNG, College voor Arbeidszaken, WSGO)")
set(CPACK_PACKAGE_CONTACT "the krapte project")  # Maintainer: no address is published
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Agent-based simulation of the Dutch municipal workforce")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "krapte")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends: from the libraries krapte links (dpkg-shlibdeps)
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
include(CPack)
