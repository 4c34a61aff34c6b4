@dlogin
Feature: Departments of company customers
  GET /customers/company/departments?organization_number= lists the
  departments the live company customers with that number name, each once
  (row 31, decision D70).

  Background:
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - {customer_id: co-1, type: company, email: a@tkp.example.com, company: {bussiness_name: TKP tech AS, organization_number: "123456789MVA", department: sales department}}
              - {customer_id: co-2, type: company, email: b@tkp.example.com, company: {bussiness_name: TKP tech AS, organization_number: "123456789MVA", department: Research and Development}}
              - {customer_id: co-3, type: company, email: c@tkp.example.com, company: {bussiness_name: TKP tech AS, organization_number: "123456789MVA", department: sales department}}
              - {customer_id: co-4, type: company, email: d@tkp.example.com, company: {bussiness_name: TKP tech AS, organization_number: "123456789MVA", department: Accounting}}
              - {customer_id: co-5, type: company, email: e@other.example.com, company: {bussiness_name: Other AS, organization_number: "912345678"}}
      """

  Scenario: Departments of one organization number
    Given I am authenticated as "admin-client"
    And I DELETE "/customers/users/co-4"
    And I am authenticated as "public-client"
    When I GET "/customers/company/departments?organization_number=123456789MVA"
    Then the response status is 200
    And the response body is:
      """
      [{"organization_number": "123456789MVA", "departments": ["sales department", "Research and Development"]}]
      """
    When I GET "/customers/company/departments?organization_number=912345678"
    Then the response body is:
      """
      [{"organization_number": "912345678", "departments": []}]
      """
    When I GET "/customers/company/departments?organization_number=000000000"
    Then the response is a list of 0 items

  Scenario: The organization number is required, and the scopes are the customers' read scopes
    Given I am authenticated as "read-client"
    When I GET "/customers/company/departments"
    Then the response status is 400
    And the error lists the query field "organization_number"
    Given I am authenticated as "write-client"
    When I GET "/customers/company/departments?organization_number=912345678"
    Then the response status is 403
